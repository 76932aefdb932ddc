/**
 * What scripts need to talk to a running local stack: its addresses and keys
 * from the stack folder, JWT minting, and JSON calls with retry on 423/503;
 * or to a deployment, from its URLs, its operator key and JWTs of test
 * accounts its identity provider issued (remoteClient).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { loadLocalStackConfig } from '../config.js';
import { loadOrCreateKeys, mintJwt, type IdpKeys } from '../idp/devIdp.js';
import { readJson, stackPaths, type LocalJson, type StackJson } from './stackFiles.js';
import { jsonCall, type JsonAnswer } from './jsonCall.js';

export type LocalClient = LocalJson & {
  jwt: (subject: string) => Promise<string>;
  call: <T = unknown>(method: string, url: string, auth?: string, body?: unknown) => Promise<JsonAnswer<T>>;
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
    call: jsonCall,
  };
}

/** The subject a JWT names, read without verifying it (the deployment verifies it). */
export function jwtSubject(jwt: string): string {
  const payload = jwt.split('.')[1];
  const sub = payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub : '';
  if (typeof sub !== 'string' || !sub) throw new Error('a JWT without a subject');
  return sub;
}

/**
 * A deployment: its two URLs, its operator key, and JWTs its identity provider issued to test accounts (the
 * first is the chair). Only those accounts can take part, so they are the roster: `subjects`.
 */
export function remoteClient(o: { events: string; elections: string; operatorKey: string; jwts: string[] }) {
  const bySubject = new Map(o.jwts.map((jwt) => [jwtSubject(jwt), jwt]));
  const client: LocalClient = {
    events: o.events.replace(/\/$/, ''),
    elections: o.elections.replace(/\/$/, ''),
    operatorKey: o.operatorKey,
    databaseUrl: '',
    jwt: async (subject) => {
      const jwt = bySubject.get(subject);
      if (!jwt) throw new Error(`no JWT for ${subject}`);
      return jwt;
    },
    call: jsonCall,
  };
  return { client, subjects: [...bySubject.keys()] };
}

/**
 * Retries 423 busy, 503 overloaded and a request that got no answer (the
 * connection failed or was reset), as the API asks a voter's client to: after
 * the answer's Retry-After and up to a second more (the server spreads whom it refuses), else with
 * full jitter on a doubling backoff; the same token and choices, so a retry is
 * always safe. No answer at the last try throws.
 */
export async function withRetry<T extends { status: number; retryAfterS?: number }>(
  attempt: () => Promise<T>,
  tries = 8,
  baseMs = 10,
): Promise<T & { attempts: number; unanswered: number; toldS: number[] }> {
  const toldS: number[] = [];
  for (let n = 1, unanswered = 0; ; n++) {
    const res = await attempt().catch((error: unknown) => {
      if (n >= tries) throw error;
      unanswered++;
      return undefined;
    });
    if (res && ((res.status !== 423 && res.status !== 503) || n >= tries))
      return { ...res, attempts: n, unanswered, toldS };
    const after = res?.retryAfterS;
    if (after !== undefined) toldS.push(after);
    await delay(after ? (after + Math.random()) * 1000 : Math.random() * Math.min(500, baseMs * 2 ** n));
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
