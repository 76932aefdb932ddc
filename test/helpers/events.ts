/**
 * The events app in process, on a real database, trusting a real (local)
 * JWKS endpoint: tests call it with `app.request()` and mint JWTs as any
 * subject, or forged ones.
 */
import { createEventsApp } from '../../functions/events/app.js';
import { createIdentityVerifier } from '../../shared/auth/index.js';
import { createLogger } from '../../shared/log.js';
import type { EventsConfig } from '../../shared/config.js';
import type { App } from '../../shared/http/index.js';
import { devAudience, generateKeys, mintJwt, startIdp, type IdpKeys } from '../../local/devIdp.js';
import { createTestDb, type TestDb } from './db.js';

/** Tests read bodies loosely; the assertions say what they must hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export const operatorKey = 'test-operator-key-0123456789abcdefghijklmnop';

export type EventsHarness = {
  app: App;
  db: TestDb;
  keys: IdpKeys;
  issuer: string;
  jwt: (subject: string, options?: { ttlSeconds?: number; audience?: string; keys?: IdpKeys; issuer?: string }) => Promise<string>;
  call: (method: string, path: string, options?: { auth?: string; body?: unknown; raw?: string; headers?: Record<string, string> }) => Promise<TestResponse>;
  close: () => Promise<void>;
};

export async function startEventsHarness(): Promise<EventsHarness> {
  const db = await createTestDb();
  const keys = await generateKeys();
  const idp = await startIdp(keys, 0);
  const config: EventsConfig = {
    port: 0,
    db: { url: db.url('ekklesia_registry'), poolMax: 4, connectTimeoutMs: 5000, statementTimeoutMs: 10_000 },
    log: { level: 'silent', project: undefined },
    jwt: { issuer: idp.issuer, audience: devAudience, jwksUrl: idp.jwksUrl },
    operatorKey,
  };
  const app = createEventsApp({ config, log: createLogger(config.log, 'events'), sql: db.registry, verifyIdentity: createIdentityVerifier(config.jwt) });
  return {
    app,
    db,
    keys,
    issuer: idp.issuer,
    jwt: (subject, o = {}) =>
      mintJwt(o.keys ?? keys, { issuer: o.issuer ?? idp.issuer, subject, audience: o.audience ?? devAudience, ttlSeconds: o.ttlSeconds ?? 600 }),
    call: (method, path, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      if (o.auth) headers.authorization = `Bearer ${o.auth}`;
      const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      return Promise.resolve(app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }));
    },
    close: async () => {
      await idp.close();
      await db.close();
    },
  };
}

/** An org `id` with admin `alice` and the given members, created through the API. */
export async function seedOrg(h: EventsHarness, id: string, members: { subject: string; role?: 'member' | 'admin'; status?: 'active' | 'inactive' }[] = []) {
  const created = await h.call('POST', '/v1/orgs', { auth: operatorKey, body: { id, name: `Org ${id}`, admins: ['alice'] } });
  if (created.status !== 201) throw new Error(`seeding org ${id}: ${created.status} ${await created.text()}`);
  if (members.length) {
    const body = { members: members.map((m) => ({ subject: m.subject, role: m.role ?? 'member', status: m.status ?? 'active' })) };
    const res = await h.call('PUT', `/v1/orgs/${id}/members`, { auth: await h.jwt('alice'), body });
    if (res.status !== 200) throw new Error(`seeding members of ${id}: ${res.status} ${await res.text()}`);
  }
}
