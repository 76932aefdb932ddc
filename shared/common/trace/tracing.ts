/**
 * Tracing, one provider per process (OpenTelemetry's API is global): the
 * head sampler (sampler.ts), W3C trace context, AsyncLocalStorage for the
 * active span, and the exporter the settings name (`TRACE_EXPORTER`: off,
 * cloud, file, console). Off, nothing is registered and `inSpan` calls its
 * work directly: the hot path pays one branch. What a span may carry is
 * narrow on purpose (docs/threat-model.md, "Traces"): names, route
 * patterns, statuses, org and election ids and durations; never a subject,
 * a token, its hash, a receipt or a choice, and a voter's request never
 * continues a trace it was sent (httpSpan.ts), so a member's token request
 * and their ballot are never one trace.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { SamplingShare, headSampler } from './sampler.js';
import { FileSpanExporter, LazyCloudTraceExporter } from './exporters.js';

export type TraceConfig = {
  exporter: 'off' | 'cloud' | 'file' | 'console';
  /** New traces sampled, 0..1, until the database says otherwise (samplingRatio.ts). */
  ratio: number;
  /** For `file`. */
  file?: string | undefined;
  project?: string | undefined;
};

export type Tracing = {
  sampler: SamplingShare;
  /** The share the process started with (TRACE_RATIO): what applies when no meeting raises it. */
  baseRatio: number;
  flush(): Promise<void>;
};

let active: (Tracing & { provider: BasicTracerProvider }) | undefined;

/** Whether spans are made in this process at all. */
export function tracingOn(): boolean {
  return active !== undefined;
}

/**
 * Starts tracing for this process, once (a later call gets the first's, so functions wired in one process share
 * it); `exporter` overrides the configured one (tests: an InMemorySpanExporter, exported at once).
 */
export function startTracing(config: TraceConfig, exporter?: SpanExporter): Tracing | undefined {
  if (active) return active;
  if (!exporter && config.exporter === 'off') return undefined;
  const sampler = new SamplingShare(config.ratio);
  const target = exporter ?? exporterFor(config);
  const provider = new BasicTracerProvider({
    sampler: headSampler(),
    spanProcessors: [exporter ? new SimpleSpanProcessor(target) : new BatchSpanProcessor(target)],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  active = { provider, sampler, baseRatio: config.ratio, flush: () => provider.forceFlush() };
  return active;
}

function exporterFor(config: TraceConfig): SpanExporter {
  if (config.exporter === 'file') return new FileSpanExporter(config.file ?? 'traces.jsonl');
  if (config.exporter === 'console') return new ConsoleSpanExporter();
  return new LazyCloudTraceExporter(config.project);
}

/**
 * Runs `work` in a child span of the active one (`scope`: the deployable, `name`: what it does); the span ends when
 * the work settles, an error marks it failed (its type only, never its message: messages can quote input). Outside
 * a sampled trace it only runs `work`: a step never starts a trace of its own, so a trace is whole or absent.
 */
export function inSpan<T>(
  scope: string,
  name: string,
  work: () => Promise<T>,
  attributes?: Attributes,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  // Only inside a sampled trace: an unsampled request (99 % of them at 1 %) pays one lookup per step, no span and
  // no context switch; its root's context still travels (flag 00), so what it calls stays unsampled too.
  if (!active || !trace.getActiveSpan()?.isRecording()) return work();
  return trace
    .getTracer(scope)
    .startActiveSpan(name, { kind, ...(attributes ? { attributes } : {}) }, (span) => settle(span, work));
}

/** Runs `work` in a new span whose parent is the trace context `carrier` holds (a signed or authenticated caller's). */
export function inSpanFrom<T>(
  carrier: Record<string, string | undefined>,
  scope: string,
  name: string,
  work: (span: Span | undefined) => Promise<T>,
  kind: SpanKind = SpanKind.SERVER,
): Promise<T> {
  if (!active) return work(undefined);
  const parent = propagation.extract(ROOT_CONTEXT, carrier);
  const remote = trace.getSpanContext(parent);
  if (remote ? (remote.traceFlags & TraceFlags.SAMPLED) === 0 : !active.sampler.draw()) return work(undefined);
  return trace.getTracer(scope).startActiveSpan(name, { kind }, parent, (span) => settle(span, () => work(span)));
}

/** Runs `work` as the root of a new trace, whatever the caller sent: a voter's request. */
export function inRootSpan<T>(scope: string, name: string, work: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!active?.sampler.draw()) return work(undefined);
  return trace
    .getTracer(scope)
    .startActiveSpan(name, { kind: SpanKind.SERVER, root: true }, ROOT_CONTEXT, (span) =>
      settle(span, () => work(span)),
    );
}

async function settle<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
    throw err;
  } finally {
    span.end();
  }
}

/**
 * The active trace context as headers or attributes (`traceparent`), for a call or message that continues it.
 * Outside a sampled trace (an unsampled request makes no span): a fresh context marked unsampled, so the callee
 * does not start a trace of its own for part of an unsampled one.
 */
export function traceHeaders(): Record<string, string> {
  if (!active) return {};
  if (!trace.getActiveSpan()?.isRecording()) return { traceparent: `00-${randomHex(16)}-${randomHex(8)}-00` };
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

export type { Context };
