/**
 * Crypto-shredding of the elections' token secrets (docs/threat-model.md).
 * Each election's secret K_election is a random data key that never reaches
 * the database in usable form: the registry stores it only wrapped (AES-GCM
 * inside Cloud KMS) by a key version of its own, bound to the org and the
 * election. The events function unwraps it when it needs it and keeps it in
 * memory for a minute, so issuing a token costs no KMS call; the buffer is
 * zeroed when the key is forgotten (an instance that sees the election over
 * forgets it), evicted or expired, and callers use it only inside a
 * synchronous callback. At the seal the key version is destroyed, and every
 * wrapped copy (the row, the WAL, every backup) becomes noise.
 *
 * Talks to Cloud KMS with `@google-cloud/kms`, loaded on first use; with an
 * endpoint set (the local stack, the tests) the same client talks REST to
 * the stand-in in local/standIns/kms.ts.
 */
import { randomBytes } from 'node:crypto';
import type { KmsConfig } from '../common/config/index.js';
import { DomainError } from '../common/domainError.js';
import { standInOptions } from '../common/gcp/standInOptions.js';
import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '../common/trace/tracing.js';

export type WrappedKey = { keyVersion: string; wrapped: Buffer };

export type ElectionKeys = {
  /** A new data key for an election, wrapped by a new key version; the data key is kept in memory. */
  create(orgId: string, electionId: string): Promise<WrappedKey>;
  /**
   * Runs `use` with the data key of a stored wrapped copy, from memory when it was unwrapped recently. `use` is
   * synchronous, so no forget or expiry can zero the key while it runs; it must not keep the buffer.
   */
  withKey<T>(orgId: string, electionId: string, stored: WrappedKey, use: (dataKey: Buffer) => T): Promise<T>;
  /** A copy of the data key, for tools and tests (an operator's unwrap): the caller owns it. */
  unwrap(orgId: string, electionId: string, stored: WrappedKey): Promise<Buffer>;
  /** Destroys a key version (done already counts as done). */
  destroy(keyVersion: string): Promise<void>;
  /** Whether the data key is in memory now. */
  holds(orgId: string, electionId: string): boolean;
  /** Zeroes an election's data key and drops it from memory (its seal was seen, or it was never stored). */
  forget(orgId: string, electionId: string): void;
};

type KmsClient = import('@google-cloud/kms').KeyManagementServiceClient;

/**
 * How long an unwrapped data key stays in memory: a burst of token requests needs one KMS call per instance per
 * minute (a decrypt is ~10–30 ms and 1/10,000 of a cent), and a key an instance no longer uses is zeroed within
 * a minute of its last unwrap. bench (e) measured no difference from ten minutes (bench/ANALYSIS.md).
 */
export const keepMs = 60_000;
const maxKept = 1000;

async function kmsClient(config: KmsConfig): Promise<KmsClient> {
  const { KeyManagementServiceClient } = await import('@google-cloud/kms');
  if (!config.endpoint) return new KeyManagementServiceClient();
  return new KeyManagementServiceClient(
    (await standInOptions(config.endpoint)) as ConstructorParameters<typeof KeyManagementServiceClient>[0],
  );
}

/** What the wrapped key is bound to: a copy moved to another election does not unwrap. */
const context = (orgId: string, electionId: string) => Buffer.from(`ekklesia:election-key:${orgId}:${electionId}`);

/** gRPC codes of a version that is already destroyed or scheduled for destruction, or gone. */
const alreadyDone = new Set([5 /* NOT_FOUND */, 9 /* FAILED_PRECONDITION */]);
/** gRPC codes that mean KMS cannot answer now: the caller may retry. */
const away = new Set([4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */]);
/** A KMS call that takes longer fails: a token request must not hang on it. */
const callOptions = { timeout: 5000 };

/** A KMS call as a client span: its method and duration (the key's name and the data stay out of it). */
const kmsSpan = <T>(method: string, call: () => Promise<T>): Promise<T> =>
  inSpan('ekklesia.kms', `KMS ${method}`, call, { 'rpc.system': 'grpc', 'rpc.method': method }, SpanKind.CLIENT);

function asUnavailable(err: unknown): never {
  if (away.has((err as { code?: number }).code ?? -1)) {
    throw new DomainError('unavailable', 'the key service is not reachable; retry shortly');
  }
  throw err;
}

/** The data keys this instance holds: zeroed when forgotten, evicted or expired (swept every `keepMs`). */
export function keyMemory(now: () => number = Date.now, capacity = maxKept) {
  const kept = new Map<string, { dataKey: Buffer; until: number }>();
  const drop = (name: string) => {
    kept.get(name)?.dataKey.fill(0);
    kept.delete(name);
  };
  const sweep = () => {
    for (const [name, entry] of kept) if (entry.until <= now()) drop(name);
  };
  setInterval(sweep, keepMs).unref();
  return {
    sweep,
    get(name: string): Buffer | undefined {
      const entry = kept.get(name);
      if (entry && entry.until <= now()) drop(name);
      return entry && entry.until > now() ? entry.dataKey : undefined;
    },
    keep(name: string, dataKey: Buffer): void {
      if (kept.has(name)) drop(name);
      if (kept.size >= capacity) drop(kept.keys().next().value!);
      kept.set(name, { dataKey, until: now() + keepMs });
    },
    drop,
  };
}

export function createElectionKeys(config: KmsConfig): ElectionKeys {
  let client: Promise<KmsClient> | undefined;
  const kms = () => (client ??= kmsClient(config));
  const memory = keyMemory();
  const unwrapping = new Map<string, Promise<void>>();
  const nameOf = (orgId: string, electionId: string) => `${orgId}/${electionId}`;

  /** Makes sure the data key is in memory: one decrypt for a burst on an instance that has not unwrapped it. */
  async function load(orgId: string, electionId: string, stored: WrappedKey): Promise<void> {
    const name = nameOf(orgId, electionId);
    if (memory.get(name)) return;
    let pending = unwrapping.get(name);
    if (!pending) {
      pending = (async () => {
        const aad = context(orgId, electionId);
        const client = await kms();
        const [decrypted] = await kmsSpan('decrypt', () =>
          client.decrypt(
            { name: config.key, ciphertext: stored.wrapped, additionalAuthenticatedData: aad },
            callOptions,
          ),
        ).catch(asUnavailable);
        const plaintext = decrypted.plaintext as Uint8Array;
        memory.keep(name, Buffer.from(plaintext));
        plaintext.fill(0);
      })().finally(() => unwrapping.delete(name));
      unwrapping.set(name, pending);
    }
    await pending;
  }

  async function withKey<T>(orgId: string, electionId: string, stored: WrappedKey, use: (key: Buffer) => T) {
    const name = nameOf(orgId, electionId);
    for (;;) {
      const dataKey = memory.get(name);
      if (dataKey) return use(dataKey);
      await load(orgId, electionId, stored); // forgotten in between (a seal seen): asked for again
    }
  }

  return {
    async create(orgId, electionId) {
      const client = await kms();
      const [version] = await kmsSpan('createCryptoKeyVersion', () =>
        client.createCryptoKeyVersion({ parent: config.key, cryptoKeyVersion: {} }, callOptions),
      ).catch(asUnavailable);
      const dataKey = randomBytes(32);
      const aad = context(orgId, electionId);
      const [encrypted] = await kmsSpan('encrypt', () =>
        client.encrypt({ name: version.name!, plaintext: dataKey, additionalAuthenticatedData: aad }, callOptions),
      ).catch(asUnavailable);
      memory.keep(nameOf(orgId, electionId), dataKey);
      return { keyVersion: version.name!, wrapped: Buffer.from(encrypted.ciphertext as Uint8Array) };
    },
    withKey,
    unwrap: (orgId, electionId, stored) => withKey(orgId, electionId, stored, (key) => Buffer.from(key)),
    async destroy(keyVersion) {
      try {
        const client = await kms();
        await kmsSpan('destroyCryptoKeyVersion', () =>
          client.destroyCryptoKeyVersion({ name: keyVersion }, callOptions),
        );
      } catch (err) {
        if (!alreadyDone.has((err as { code?: number }).code ?? -1)) throw err;
      }
    },
    holds: (orgId, electionId) => memory.get(nameOf(orgId, electionId)) !== undefined,
    forget(orgId, electionId) {
      memory.drop(nameOf(orgId, electionId));
      unwrapping.delete(nameOf(orgId, electionId));
    },
  };
}
