/**
 * What (e), the token path, needs around the events function: the elections
 * function (the open registers every member's token hash there), the KMS
 * stand-in (the election's secret), the dev identity provider (members'
 * ES256 JWTs, minted once before the runs) and the Pub/Sub emulator (the
 * after-commit relay publishes the open's events, as in production; a token
 * request writes and publishes nothing).
 * Each function runs bare as its own process, as in `npm start`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { urlFor, type PgServer } from '../../local/processes/postgres.js';
import { freePort } from '../../local/processes/freePort.js';
import { startEmulator, createTopics } from '../../local/processes/pubsubEmulator.js';
import { devAudience, generateKeys, mintJwt, startIdp } from '../../local/idp/devIdp.js';
import { startKmsStandIn } from '../../local/standIns/kms.js';
import { ensureCryptoKey } from '../../local/standIns/kmsKeys.js';
import { startFunction } from '../../local/processes/functionProcess.js';
import { pool } from '../../local/stack/localClient.js';
import { topics } from '../../schemas/domainEvents.js';
import { assemblyRoster } from './assemblyRoster.js';

const project = 'ekklesia-bench';
const host = '127.0.0.1';

export type TokenStack = {
  events: string;
  org: string;
  /** One JWT per member, a line each: the load generator's input. */
  jwtsFile: string;
  members: number;
  /** The events process (its CPU time is what a run costs it). */
  eventsPid: number;
  /** A fresh election of the org, opened: every member's hash registered. */
  openElection(): Promise<string>;
  closeElection(id: string): Promise<void>;
  stop(): Promise<void>;
};

export async function startTokenStack(
  pg: PgServer,
  database: string,
  scratch: string,
  members: number,
  /** More settings for the events process, e.g. NODE_OPTIONS=--cpu-prof to profile it. */
  eventsEnv: Record<string, string> = {},
  /**
   * An assembly's roster (bench (e) with `--assembly`): weights spread as a delegate conference's (most 1, some
   * tens, a few hundreds), a fifth of the members delegating to a holder of up to three; weighted elections. The
   * delegators ask for no token (they are refused held_by_proxy); their holders get their tokens too.
   */
  assembly = false,
): Promise<TokenStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((err: unknown) => console.error(err));
  };
  try {
    const emulator = await startEmulator(await freePort(), host);
    stops.push(emulator.stop);
    await createTopics(emulator.host, project, topics);
    const keys = await generateKeys();
    const idp = await startIdp(keys, 0, host);
    stops.push(idp.close);
    const kms = await startKmsStandIn(path.join(scratch, 'kms'), 0, host);
    stops.push(kms.close);
    const kmsKey = `projects/${project}/locations/local/keyRings/bench/cryptoKeys/election-secrets`;
    await ensureCryptoKey(kms.endpoint, kmsKey);

    const shared = {
      LOG_LEVEL: 'info',
      EKKLESIA_SERVE: 'bare',
      GOOGLE_CLOUD_PROJECT: project,
      PUBSUB_EMULATOR_HOST: emulator.host,
      PUBSUB_PROJECT: project,
      METADATA_SERVER_DETECTION: 'none',
      S2S_KEYS: `bench:${'s'.repeat(43)}`,
    };
    const quiet = { onLine: () => {} };
    const electionsPort = await freePort();
    const elections = await startFunction(
      'elections',
      `http://${host}:${electionsPort}`,
      {
        ...shared,
        PORT: String(electionsPort),
        DATABASE_URL: urlFor(pg.url, database, 'ekklesia_ballot_box', pg.socketDir),
      },
      quiet,
    );
    stops.push(elections.stop);
    const eventsPort = await freePort();
    const operatorKey = 'o'.repeat(43);
    const events = await startFunction(
      'events',
      `http://${host}:${eventsPort}`,
      {
        ...shared,
        PORT: String(eventsPort),
        DATABASE_URL: urlFor(pg.url, database, 'ekklesia_registry', pg.socketDir),
        JWT_ISSUER: idp.issuer,
        JWT_AUDIENCE: devAudience,
        JWKS_URL: idp.jwksUrl,
        OPERATOR_KEY: operatorKey,
        KMS_KEY: kmsKey,
        KMS_ENDPOINT: kms.endpoint,
        ELECTIONS_URL: elections.url,
        // Each point opens an election of 8,000 members a second of it: the open's S2S call registers every hash
        // at once, which a busy machine may not answer in the deployed 1.2 s (a 503 stopped a run). The bench
        // measures the tokens, not the open.
        S2S_TIMEOUT_MS: '10000',
        ...eventsEnv,
      },
      quiet,
    );
    stops.push(events.stop);

    const jwt = (subject: string) => mintJwt(keys, { issuer: idp.issuer, subject, ttlSeconds: 4 * 3600 });
    const call = async <T>(method: string, url: string, auth: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${events.url}${url}`, {
        method,
        headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    };

    const org = 'bench-tokens';
    await call('POST', '/v1/orgs', operatorKey, { id: org, name: 'Token bench', admins: ['chair'] });
    const chair = await jwt('chair');
    // Holders first, so a delegation names a member already on the roster.
    const { roster, askers } = assemblyRoster(members, 'member-', assembly);
    for (let i = 0; i < roster.length; i += 500)
      await call('PUT', `/v1/orgs/${org}/members`, chair, { members: roster.slice(i, i + 500) });
    const jwtsFile = path.join(scratch, 'jwts.txt');
    writeFileSync(jwtsFile, `${(await pool(askers, 8, jwt)).join('\n')}\n`);

    return {
      events: events.url,
      org,
      jwtsFile,
      members,
      eventsPid: events.child.pid!,
      async closeElection(id) {
        await call('POST', `/v1/orgs/${org}/elections/${id}/close`, chair, {});
      },
      async openElection() {
        const { id } = await call<{ id: string }>('POST', `/v1/orgs/${org}/elections`, chair, {
          title: 'Token bench',
          kind: 'yes_no_abstain',
          ...(assembly ? { weights: {} } : {}),
        });
        await call('POST', `/v1/orgs/${org}/elections/${id}/open`, chair, {});
        return id;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
