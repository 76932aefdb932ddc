/**
 * Request correlation: the request id (kept when a caller sends a well-formed
 * one, minted otherwise) and the Cloud Trace context, read from W3C
 * `traceparent` (https://www.w3.org/TR/trace-context/) or Google's
 * `X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1`.
 */
import { randomUUID } from 'node:crypto';

const wellFormedId = /^[A-Za-z0-9._:-]{8,128}$/;
const traceparent = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const cloudTrace = /^([0-9a-f]{32})(?:\/(\d{1,20}))?/;

export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && wellFormedId.test(header) ? header : randomUUID();
}

export type TraceContext = { traceId: string; spanId?: string };

export function traceFrom(traceparentHeader?: string, cloudTraceHeader?: string): TraceContext | undefined {
  const w3c = traceparentHeader ? traceparent.exec(traceparentHeader.trim()) : null;
  if (w3c?.[1] && !/^0+$/.test(w3c[1])) return { traceId: w3c[1], spanId: w3c[2] };
  const google = cloudTraceHeader ? cloudTrace.exec(cloudTraceHeader.trim()) : null;
  if (google?.[1]) return google[2] ? { traceId: google[1], spanId: google[2] } : { traceId: google[1] };
  return undefined;
}

/** The log fields Cloud Logging uses to join a line to its trace. */
export function traceLogFields(trace: TraceContext | undefined, project: string | undefined): Record<string, string> {
  if (!trace) return {};
  const fields: Record<string, string> = {
    'logging.googleapis.com/trace': project ? `projects/${project}/traces/${trace.traceId}` : trace.traceId,
  };
  if (trace.spanId) fields['logging.googleapis.com/spanId'] = trace.spanId;
  return fields;
}
