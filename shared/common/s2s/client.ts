/**
 * The events function's client for the elections function's S2S API:
 * signed requests, a 1.2 s timeout per attempt, up to 2 retries with full
 * jitter on network errors, 5xx and 429 only (p-retry), the same
 * Idempotency-Key on every attempt, and a consecutive-failure breaker.
 * Each attempt carries a signed deadline a little before the client stops
 * waiting for it: the callee makes no change it cannot commit by then, so
 * an attempt the client gave up on never takes effect later. A call given
 * its own `timeoutMs` (a seal's) has that much for all its attempts
 * together: a retry gets what is left, so the caller hears by then.
 */
import pRetry, { AbortError } from 'p-retry';
import { setTimeout as delay } from 'node:timers/promises';
import { Breaker, CircuitOpenError } from './breaker.js';
import { sign } from './signature.js';
import type { MasterKeys } from './keys.js';
import { SpanKind } from '@opentelemetry/api';
import { inSpan, traceHeaders } from '../trace/tracing.js';

export type S2SClientOptions = {
  baseUrl: string;
  keys: MasterKeys;
  signingKeyId: string;
  timeoutMs: number;
  retries: number;
  breaker: Breaker;
  /** Full jitter: attempt n waits random() × min(maxDelayMs, baseDelayMs × 2^n). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  nowSeconds?: () => number;
};

export type S2SResponse<T = unknown> = { status: number; body: T };

/** How long before the client gives up the callee's deadline falls: time for its commit to be answered. */
export function commitMarginMs(timeoutMs: number): number {
  return Math.min(250, Math.floor(timeoutMs / 4));
}

/** Less than this left of a call's own time: no further attempt. */
const leastAttemptMs = 500;

/** The peer could not give an answer (after retries, or the circuit is open). */
export class S2SUnavailableError extends Error {
  override name = 'S2SUnavailableError';
}

class RetryableStatus extends Error {
  constructor(readonly status: number) {
    super(`peer answered ${status}`);
  }
}

type RequestArgs = [
  orgId: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body: unknown,
  idempotencyKey: string,
  timeoutMs?: number,
];

export type S2SClient = {
  request<T>(...args: RequestArgs): Promise<S2SResponse<T>>;
  breaker: Breaker;
};

export function createS2SClient(options: S2SClientOptions): S2SClient {
  const master = options.keys.get(options.signingKeyId);
  if (!master) throw new Error(`S2S signing key ${options.signingKeyId} is not among the configured keys`);
  const random = options.random ?? Math.random;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const base = options.baseDelayMs ?? 25;
  const cap = options.maxDelayMs ?? 100;

  async function attempt(
    orgId: string,
    method: string,
    path: string,
    payload: string,
    idempotencyKey: string,
    timeoutMs: number,
  ): Promise<S2SResponse<never>> {
    try {
      options.breaker.admit();
    } catch (err) {
      throw new AbortError(err as Error);
    }
    const headers = {
      'content-type': 'application/json',
      ...sign(
        { method, path, body: payload, idempotencyKey, traceparent: traceHeaders().traceparent },
        orgId,
        options.signingKeyId,
        master!,
        nowSeconds(),
        Date.now() + timeoutMs - commitMarginMs(timeoutMs),
      ),
    };
    let res: Response;
    try {
      res = await fetch(options.baseUrl + path, {
        method,
        headers,
        ...(method === 'GET' ? {} : { body: payload }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      options.breaker.failure();
      throw err; // network error or timeout: retried
    }
    if (res.status >= 500 || res.status === 429) {
      options.breaker.failure();
      await res.body?.cancel();
      throw new RetryableStatus(res.status);
    }
    options.breaker.success();
    return { status: res.status, body: (await res.json()) as never };
  }

  return {
    breaker: options.breaker,
    async request<T>(...[orgId, method, path, body, idempotencyKey, timeoutMs]: RequestArgs) {
      const payload = method === 'GET' ? '' : JSON.stringify(body ?? {});
      const endsAt = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
      const attemptMs = (): number => {
        if (endsAt === undefined) return options.timeoutMs;
        const left = endsAt - Date.now();
        if (left < leastAttemptMs && left < timeoutMs!) throw new AbortError('no time is left for another attempt');
        return left;
      };
      try {
        // One client span for the call, its attempts inside it; the callee's span continues it (signed traceparent).
        return (await inSpan(
          'ekklesia.s2s',
          `S2S ${method}`,
          () =>
            pRetry(() => attempt(orgId, method, path, payload, idempotencyKey, attemptMs()), {
              retries: options.retries,
              minTimeout: 0,
              maxTimeout: 0,
              onFailedAttempt: async ({ attemptNumber, retriesLeft }) => {
                if (retriesLeft > 0) await delay(random() * Math.min(cap, base * 2 ** attemptNumber));
              },
            }),
          { 'url.path': path, 'ekklesia.org': orgId },
          SpanKind.CLIENT,
        )) as S2SResponse<T>;
      } catch (err) {
        if (err instanceof CircuitOpenError) throw new S2SUnavailableError('circuit open');
        throw new S2SUnavailableError(err instanceof Error ? err.message : String(err));
      }
    },
  };
}
