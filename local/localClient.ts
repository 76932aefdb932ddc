/**
 * What scripts need to talk to a running local stack: its addresses and keys
 * from the stack folder, JWT minting, and JSON calls with retry on 423/503.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { loadLocalStackConfig } from './config.js';
import { loadOrCreateKeys, mintJwt, type IdpKeys } from './devIdp.js';
import { readJson, stackPaths, type LocalJson, type StackJson } from './stackFiles.js';

export type LocalClient = LocalJson & {
  jwt: (subject: string) => Promise<string>;
  call: <T = unknown>(
    method: string,
    url: string,
    auth?: string,
    body?: unknown,
  ) => Promise<{ status: number; body: T; ms: number }>;
};

export async function localClient(): Promise<LocalClient> {
  const paths = stackPaths(loadLocalStackConfig().EKKLESIA_DIR);
  const local = readJson<LocalJson>(paths.localJson);
  const stack = readJson<StackJson>(paths.stackJson);
  if (!local || !stack) throw new Error(`no local stack found in ${paths.root}: run npm start first`);
  const keys: IdpKeys = await loadOrCreateKeys(paths.root);
  return {
    ...local,
    jwt: (subject) => mintJwt(keys, { issuer: stack.issuer, audience: stack.audience, subject }),
    call: async (method, url, auth, body) => {
      const started = performance.now();
      const res = await fetch(url, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: (text ? JSON.parse(text) : undefined) as never,
        ms: performance.now() - started,
      };
    },
  };
}

/** Retries 423 busy and 503 overloaded with full jitter, as a voter's client should. */
export async function withRetry<T extends { status: number }>(
  attempt: () => Promise<T>,
  tries = 8,
  baseMs = 10,
): Promise<T & { attempts: number }> {
  for (let n = 1; ; n++) {
    const res = await attempt();
    if ((res.status !== 423 && res.status !== 503) || n >= tries) return { ...res, attempts: n };
    await delay(Math.random() * Math.min(500, baseMs * 2 ** n));
  }
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function pool<I, O>(
  items: I[],
  limit: number,
  work: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}
