/**
 * The app's calls to the two functions: the events function on this origin
 * (member, with the access token) and the elections function (voter, with
 * the voting token). A 423 busy, a 503 or no answer at all is retried as
 * the API asks, after Retry-After (and up to a second) and always with the same
 * token and body, so a flaky connection never shows a person an error they
 * must understand; any other error is an ApiProblem with the contract's
 * code, which the pages turn into a sentence (i18n: "error.<code>").
 */
export class ApiProblem extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    /** Seconds the answer asked to wait before trying again, when it said. */
    readonly retryAfter?: number,
    /** The error body's message: the server's words on what it refused (English). */
    readonly detail?: string,
  ) {
    super(code);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type CallOptions<T> = {
  method?: string;
  token?: string;
  body?: unknown;
  tries?: number;
  headers?: Record<string, string>;
  /**
   * Asked after an attempt that got no answer (or 423/503), before the next and before giving up: whether the
   * request is known to have taken effect after all (a cast, by its receipt). Its answer ends the call.
   */
  tookEffect?: () => Promise<T | undefined>;
};

/** An answer: its status, its body (none for a 304) and the ETag it names, if any. */
export type Answered<T> = { status: number; body: T; etag?: string };

export async function call<T>(url: string, options: CallOptions<T> = {}): Promise<Answered<T>> {
  const tries = options.tries ?? 8;
  for (let attempt = 1; ; attempt++) {
    let res: Response | undefined;
    try {
      res = await fetch(url, {
        // The app asks conditionally itself (If-None-Match): the browser's cache must not answer for it.
        cache: 'no-store',
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch {
      res = undefined; // no answer: the same request again is safe (a creation carries its Idempotency-Key)
    }
    const retryable = !res || res.status === 423 || res.status === 503;
    if (res?.status === 304) return { status: 304, body: undefined as T, etag: res.headers.get('etag') ?? '' };
    if (res && !retryable) {
      const body = (await res.json().catch(() => ({}))) as T & { code?: string; message?: string };
      const etag = res.headers.get('etag');
      if (res.ok) return { status: res.status, body, ...(etag ? { etag } : {}) };
      const after = Number(res.headers.get('retry-after') ?? NaN);
      throw new ApiProblem(
        body.code ?? 'internal',
        res.status,
        Number.isFinite(after) ? after : undefined,
        body.message,
      );
    }
    const after = Number(res?.headers.get('retry-after') ?? NaN);
    const known = await options.tookEffect?.().catch(() => undefined);
    if (known !== undefined) return { status: 200, body: known };
    if (attempt >= tries) {
      if (!res) throw new ApiProblem('offline', 0);
      const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      throw new ApiProblem(
        body.code ?? 'overloaded',
        res.status,
        Number.isFinite(after) ? after : undefined,
        body.message,
      );
    }
    // The server spreads the clients it refuses by the Retry-After it gives each (one place apart): a second of
    // jitter on top is enough. Without one, a doubling backoff with jitter up to twice it.
    await sleep(
      Number.isFinite(after)
        ? (after + Math.random()) * 1000
        : Math.min(4000, 250 * 2 ** attempt) * (1 + Math.random()),
    );
  }
}
