/**
 * Tracing in a test process: every deployable wired after `recordSpans()` traces into one in-memory exporter, every
 * trace sampled; and the questions the tests ask of what it holds.
 */
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../shared/common/trace/tracing.js';

export function recordSpans() {
  const exporter = new InMemorySpanExporter();
  startTracing({ exporter: 'off', ratio: 1 }, exporter);
  const spans = () => exporter.getFinishedSpans();
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const scopeOf = (s: ReadableSpan) => s.instrumentationScope.name;
  /** Every span under `root` in its trace (not itself). */
  const below = (root: ReadableSpan): ReadableSpan[] => {
    const trace = spans().filter((s) => s.spanContext().traceId === root.spanContext().traceId);
    const found: ReadableSpan[] = [];
    const walk = (id: string) => {
      for (const child of trace.filter((s) => parentOf(s) === id)) {
        found.push(child);
        walk(child.spanContext().spanId);
      }
    };
    walk(root.spanContext().spanId);
    return found;
  };
  return { reset: () => exporter.reset(), spans, parentOf, scopeOf, below };
}
