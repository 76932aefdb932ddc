/**
 * A database call as a client span: the statement's name (a function such
 * as `ballot_box.cast_ballot`, or `transaction`) and its duration, never its
 * text's parameters (docs/threat-model.md, "Traces").
 */
import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '../trace/tracing.js';

export function dbSpan<T>(name: string, work: () => Promise<T>): Promise<T> {
  return inSpan(
    'ekklesia.db',
    `pg ${name}`,
    work,
    { 'db.system.name': 'postgresql', 'db.operation.name': name },
    SpanKind.CLIENT,
  );
}
