/**
 * Where finished spans go: Cloud Trace (deployed; its client is loaded on
 * the first export only, so a process that never samples never loads gRPC),
 * a JSON-lines file (`npm start`'s `.ekklesia/traces.jsonl`, read by
 * `npm run traces`), the console, or memory (tests).
 */
import { appendFile } from 'node:fs/promises';
import { ExportResultCode, hrTimeToMicroseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** One finished span as a line of the trace file. */
export type SpanLine = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** The instrumentation scope: the deployable that made it (ekklesia.events, ekklesia.elections, …). */
  scope: string;
  kind: number;
  startUs: number;
  durationUs: number;
  status: number;
  attributes: Record<string, unknown>;
};

export function spanLine(span: ReadableSpan): SpanLine {
  const ctx = span.spanContext();
  const parent = span.parentSpanContext?.spanId;
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    ...(parent ? { parentSpanId: parent } : {}),
    name: span.name,
    scope: span.instrumentationScope.name,
    kind: span.kind,
    startUs: hrTimeToMicroseconds(span.startTime),
    durationUs: hrTimeToMicroseconds(span.duration),
    status: span.status.code,
    attributes: { ...span.attributes },
  };
}

export class FileSpanExporter implements SpanExporter {
  private writing: Promise<void> = Promise.resolve();
  constructor(private readonly path: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const text = spans.map((s) => JSON.stringify(spanLine(s)) + '\n').join('');
    this.writing = this.writing
      .then(() => appendFile(this.path, text))
      .then(
        () => done({ code: ExportResultCode.SUCCESS }),
        (error: Error) => done({ code: ExportResultCode.FAILED, error }),
      );
  }

  async shutdown(): Promise<void> {
    await this.writing;
  }

  async forceFlush(): Promise<void> {
    await this.writing;
  }
}

/** Cloud Trace, its client loaded on the first batch to export. */
export class LazyCloudTraceExporter implements SpanExporter {
  private exporter: Promise<SpanExporter> | undefined;
  constructor(private readonly projectId: string | undefined) {}

  private load(): Promise<SpanExporter> {
    this.exporter ??= import('@google-cloud/opentelemetry-cloud-trace-exporter').then(
      ({ TraceExporter }) => new TraceExporter(this.projectId ? { projectId: this.projectId } : {}),
    );
    return this.exporter;
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.load().then(
      (exporter) => exporter.export(spans, done),
      (error: Error) => done({ code: ExportResultCode.FAILED, error }),
    );
  }

  async shutdown(): Promise<void> {
    if (this.exporter) await (await this.exporter).shutdown();
  }

  async forceFlush(): Promise<void> {
    if (this.exporter) await (await this.exporter).forceFlush?.();
  }
}
