/**
 * Crypto-shredding of the elections' token secrets (docs/threat-model.md).
 * Each election's secret K_election is a random data key that never reaches
 * the database in usable form: the registry stores it only wrapped (AES-GCM
 * inside Cloud KMS) by a key version of its own, bound to the org and the
 * election. The events function unwraps it when it needs it and keeps it in
 * memory for a while, so issuing a token costs no KMS call; at the seal the
 * key version is destroyed, and every wrapped copy (the row, the WAL, every
 * backup) becomes noise.
 *
 * Talks to Cloud KMS with `@google-cloud/kms`, loaded on first use; with an
 * endpoint set (the local stack, the tests) the same client talks REST to
 * the stand-in in local/kmsStandIn.ts.
 */
import { randomBytes } from 'node:crypto';
import type { KmsConfig } from '../common/config.js';
import { DomainError } from '../common/domainError.js';
import { standInOptions } from '../common/gcp/standInOptions.js';

export type WrappedKey = { keyVersion: string; wrapped: Buffer };

export type ElectionKeys = {
  /** A new data key for an election, wrapped by a new key version. */
  create(orgId: string, electionId: string): Promise<WrappedKey & { dataKey: Buffer }>;
  /** The data key of a stored wrapped copy, from memory when it was unwrapped recently. */
  unwrap(orgId: string, electionId: string, stored: WrappedKey): Promise<Buffer>;
  /** Destroys a key version (done already counts as done). */
  destroy(keyVersion: string): Promise<void>;
  /** The data key, if it is in memory now: no call is made. */
  kept(orgId: string, electionId: string): Buffer | undefined;
  /** Drops an election's data key from memory. */
  forget(orgId: string, electionId: string): void;
};

type KmsClient = import('@google-cloud/kms').KeyManagementServiceClient;

/** How long an unwrapped data key stays in memory: a burst of token requests needs one KMS call. */
const keepMs = 10 * 60_000;
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

function asUnavailable(err: unknown): never {
  if (away.has((err as { code?: number }).code ?? -1)) {
    throw new DomainError('unavailable', 'the key service is not reachable; retry shortly');
  }
  throw err;
}

export function createElectionKeys(config: KmsConfig): ElectionKeys {
  let client: Promise<KmsClient> | undefined;
  const kms = () => (client ??= kmsClient(config));
  const kept = new Map<string, { dataKey: Buffer; until: number }>();
  const unwrapping = new Map<string, Promise<Buffer>>();
  const keep = (orgId: string, electionId: string, dataKey: Buffer) => {
    if (kept.size >= maxKept) kept.delete(kept.keys().next().value!);
    kept.set(`${orgId}/${electionId}`, { dataKey, until: Date.now() + keepMs });
  };

  return {
    async create(orgId, electionId) {
      const client = await kms();
      const [version] = await client
        .createCryptoKeyVersion({ parent: config.key, cryptoKeyVersion: {} }, callOptions)
        .catch(asUnavailable);
      const dataKey = randomBytes(32);
      const aad = context(orgId, electionId);
      const [encrypted] = await client
        .encrypt({ name: version.name!, plaintext: dataKey, additionalAuthenticatedData: aad }, callOptions)
        .catch(asUnavailable);
      keep(orgId, electionId, dataKey);
      return { keyVersion: version.name!, wrapped: Buffer.from(encrypted.ciphertext as Uint8Array), dataKey };
    },
    async unwrap(orgId, electionId, stored) {
      const name = `${orgId}/${electionId}`;
      const hit = kept.get(name);
      if (hit && hit.until > Date.now()) return hit.dataKey;
      // A burst on an instance that has not unwrapped it yet waits for one decrypt, not one each.
      let pending = unwrapping.get(name);
      if (!pending) {
        pending = (async () => {
          const aad = context(orgId, electionId);
          const [decrypted] = await (
            await kms()
          )
            .decrypt({ name: config.key, ciphertext: stored.wrapped, additionalAuthenticatedData: aad }, callOptions)
            .catch(asUnavailable);
          const dataKey = Buffer.from(decrypted.plaintext as Uint8Array);
          keep(orgId, electionId, dataKey);
          return dataKey;
        })().finally(() => unwrapping.delete(name));
        unwrapping.set(name, pending);
      }
      return pending;
    },
    async destroy(keyVersion) {
      try {
        await (await kms()).destroyCryptoKeyVersion({ name: keyVersion }, callOptions);
      } catch (err) {
        if (!alreadyDone.has((err as { code?: number }).code ?? -1)) throw err;
      }
    },
    kept(orgId, electionId) {
      const hit = kept.get(`${orgId}/${electionId}`);
      return hit && hit.until > Date.now() ? hit.dataKey : undefined;
    },
    forget(orgId, electionId) {
      kept.delete(`${orgId}/${electionId}`);
      unwrapping.delete(`${orgId}/${electionId}`);
    },
  };
}
