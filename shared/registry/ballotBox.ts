/**
 * The events function's view of the ballot box: the S2S calls it makes,
 * typed. Each call's Idempotency-Key names the logical operation, so a retry
 * of the same admin action (or a repeat after a lost answer) is answered once.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/domainError.js';
import {
  Breaker,
  createS2SClient,
  S2SUnavailableError,
  type S2SClient,
  type S2SResponse,
} from '../common/s2s/index.js';
import type { S2SClientConfig } from '../common/config/index.js';
import type { ElectionDefinition, ForgottenAnswer, SealedAnswer, WithdrawnAnswer } from '../../schemas/s2s.js';
import type { Turnout } from '../../schemas/common.js';
import type { BallotMode } from '../../schemas/common.js';
import type { Amount } from '../../schemas/verdict.js';

export type BallotBox = {
  define(orgId: string, electionId: string, def: ElectionDefinition): Promise<void>;
  /** Asks the ballot box to forget a draft the registry never recorded; whether it is without it now. */
  forget(orgId: string, electionId: string): Promise<boolean>;
  /** Token hashes (at most `maxTokenHashes` a call), in the order given, with their units (a weighted election). */
  registerTokens(orgId: string, electionId: string, tokenHashes: string[], units?: number[]): Promise<void>;
  /** Takes unused token hashes back; counts those that have voted. */
  withdrawTokens(orgId: string, electionId: string, tokenHashes: string[]): Promise<WithdrawnAnswer>;
  /** With `ballotMode`, the election's mode from the open on; with `present`, who was present at the open. */
  open(orgId: string, electionId: string, ballotMode?: BallotMode, present?: Amount): Promise<void>;
  close(orgId: string, electionId: string): Promise<SealedAnswer['results']>;
  turnout(orgId: string, electionId: string): Promise<Turnout>;
  breakerState(): string;
};

const base = (orgId: string, electionId: string) => `/v1/s2s/orgs/${orgId}/elections/${electionId}`;

/** The one way to build the registry side's S2S client: from its settings block (shared/common/config/). */
export function createBallotBox(config: S2SClientConfig): BallotBox {
  return ballotBoxOver(
    createS2SClient({
      baseUrl: config.url,
      keys: config.keys,
      signingKeyId: config.signingKeyId,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      breaker: new Breaker(config.breaker.failures, config.breaker.openMs),
    }),
    config.sealTimeoutMs,
  );
}

function ballotBoxOver(client: S2SClient, sealTimeoutMs: number): BallotBox {
  async function call<T>(
    orgId: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    key: string,
    timeoutMs?: number,
  ): Promise<T> {
    let res: S2SResponse<T & { code?: string; message?: string }>;
    try {
      res = await client.request(orgId, method, path, body, key, timeoutMs);
    } catch (err) {
      if (err instanceof S2SUnavailableError) {
        throw new DomainError('unavailable', 'the ballot box is not reachable; retry shortly');
      }
      throw err;
    }
    if (res.status < 300) return res.body;
    // The ballot box's refusals that mean something to the caller keep their code.
    const code = res.body.code;
    if (code === 'invalid_transition' || code === 'election_not_open' || code === 'unknown_election') {
      throw new DomainError(code === 'unknown_election' ? 'not_found' : code, res.body.message ?? code);
    }
    throw new Error(`ballot box refused ${method} ${path}: ${res.status} ${code ?? ''}`);
  }

  return {
    // A key per definition asked for (its retries share it): each is heard, so a draft being recorded is not forgotten.
    define: (org, id, def) => call(org, 'PUT', base(org, id), def, `define:${id}:${randomUUID()}`),
    forget: async (org, id) =>
      (await call<ForgottenAnswer>(org, 'POST', `${base(org, id)}/forget`, {}, randomUUID())).forgotten,
    // A fresh key per issuance: the key must not carry token material (the ballot box is idempotent by hash here).
    registerTokens: (org, id, tokenHashes, units) =>
      call(org, 'POST', `${base(org, id)}/tokens`, { tokenHashes, ...(units ? { units } : {}) }, randomUUID()),
    withdrawTokens: (org, id, tokenHashes) =>
      call(org, 'POST', `${base(org, id)}/tokens/withdraw`, { tokenHashes }, randomUUID()),
    open: (org, id, ballotMode, present) =>
      call(
        org,
        'POST',
        `${base(org, id)}/open`,
        { ...(ballotMode ? { ballotMode } : {}), ...(present ? { present } : {}) },
        `open:${id}`,
      ),
    // Sealing waits for ballots in flight and rewrites them all: more than one S2S timeout for a large election.
    close: async (org, id) =>
      (await call<SealedAnswer>(org, 'POST', `${base(org, id)}/close`, {}, `close:${id}`, sealTimeoutMs)).results,
    turnout: (org, id) => call(org, 'GET', `${base(org, id)}/turnout`, undefined, randomUUID()),
    breakerState: () => client.breaker.state,
  };
}
