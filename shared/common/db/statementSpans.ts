/**
 * Inside a sampled trace, each statement of a transaction as a client span
 * named by what it does (`pg select registry.members`, `pg insert
 * registry.outbox`), from the statement's text before its first parameter:
 * never a parameter, never the text itself. Outside one, the transaction
 * runs untouched.
 */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Tx } from './pool.js';

const verb = /^\s*(?:with\b[\s\S]*?\)\s*)?(select|insert|update|delete)\b/i;
const target = /\b(?:from|into|update|join)\s+([a-z_]+\.[a-z_]+)|\b([a-z_]+\.[a-z_]+)\s*\(/i;

/** `pg <verb> <schema.table or function>` for a statement's first literal part. */
export function statementName(text: string): string {
  const what = verb.exec(text)?.[1]?.toLowerCase() ?? 'statement';
  const on = target.exec(text);
  return `pg ${what}${on ? ` ${(on[1] ?? on[2])!.toLowerCase()}` : ''}`;
}

export function withStatementSpans(tx: Tx): Tx {
  if (!trace.getActiveSpan()?.isRecording()) return tx;
  const tracer = trace.getTracer('ekklesia.db');
  return new Proxy(tx, {
    apply(fn, self, args: unknown[]) {
      const query = Reflect.apply(fn as never, self, args) as unknown;
      const strings = args[0] as TemplateStringsArray | undefined;
      if (!(query instanceof Promise) || !Array.isArray(strings) || !('raw' in strings)) return query;
      const name = statementName(strings[0] ?? '');
      const then = query.then.bind(query);
      let started = false;
      // postgres.js sends a query when it is first awaited: the span runs from then to its answer.
      (query as { then: typeof query.then }).then = (ok, fail) => {
        if (!started) {
          started = true;
          const span = tracer.startSpan(
            name,
            { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql' } },
            context.active(),
          );
          then(
            () => span.end(),
            (err: unknown) => {
              span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
              span.end();
            },
          );
        }
        return then(ok, fail);
      };
      return query;
    },
  }) as Tx;
}
