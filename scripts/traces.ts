/**
 * `npm run traces [-- --last 5] [-- --grep open]`: the local stack's traces
 * (`EKKLESIA_TRACE=file npm start` writes every finished span to
 * `.ekklesia/traces.jsonl`), each as a tree: the span's name, the deployable
 * that made it, when it started relative to the trace's root and how long it
 * took. `--grep` keeps the traces with a span whose name contains the text.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadLocalStackConfig } from '../local/config.js';
import type { SpanLine } from '../shared/common/trace/exporters.js';

const { values } = parseArgs({
  options: { last: { type: 'string', default: '10' }, grep: { type: 'string' }, file: { type: 'string' } },
});
const file = values.file ?? path.join(loadLocalStackConfig().EKKLESIA_DIR, 'traces.jsonl');
if (!existsSync(file)) {
  console.error(`no traces in ${file}: start the stack with EKKLESIA_TRACE=file npm start`);
  process.exit(1);
}
const spans = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as SpanLine);
const traces = new Map<string, SpanLine[]>();
for (const span of spans) traces.set(span.traceId, [...(traces.get(span.traceId) ?? []), span]);

const chosen = [...traces.values()]
  .filter((t) => !values.grep || t.some((s) => s.name.includes(values.grep!)))
  .sort((a, b) => Math.min(...a.map((s) => s.startUs)) - Math.min(...b.map((s) => s.startUs)))
  .slice(-Number(values.last));
for (const trace of chosen) console.log(render(trace) + '\n');
console.error(`${chosen.length} of ${traces.size} traces (${spans.length} spans) in ${file}`);

/** One trace as an indented tree, children in start order; a span whose parent is missing is shown at the top. */
export function render(trace: SpanLine[]): string {
  const ids = new Set(trace.map((s) => s.spanId));
  const start = Math.min(...trace.map((s) => s.startUs));
  const lines = [`trace ${trace[0]!.traceId}`];
  const walk = (span: SpanLine, depth: number) => {
    const at = ((span.startUs - start) / 1000).toFixed(1);
    const took = (span.durationUs / 1000).toFixed(1);
    const failed = span.status === 2 ? '  FAILED' : '';
    lines.push(`${'  '.repeat(depth + 1)}${span.name}  [${span.scope}]  +${at} ms, ${took} ms${failed}`);
    for (const child of trace.filter((s) => s.parentSpanId === span.spanId).sort((a, b) => a.startUs - b.startUs))
      walk(child, depth + 1);
  };
  for (const top of trace
    .filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId))
    .sort((a, b) => a.startUs - b.startUs))
    walk(top, 0);
  return lines.join('\n');
}
