import { ApiError } from '../../../../shared/common/http/index.js';
import { withTenant } from '../../../../shared/common/db/index.js';
import { sealElection, setStatus } from '../../../../shared/ballot_box/db/index.js';
import { SealedAnswer } from '../../../../schemas/s2s.js';
import { type BallotMode } from '../../../../schemas/common.js';
import { idempotent } from '../../idempotent.js';
import { route } from '../../route.js';
import { beforeDeadline, msLeft, quickMsLeft } from '../../requireSignature.js';
import { drainQueue } from '../../queue/drainQueue.js';

/**
 * `POST /v1/s2s/orgs/{org}/elections/{id}/close`: open → closed, committed
 * first so no new ballot is accepted, then closed → sealed (which waits for
 * the ballots still in flight; see sealElection). Repeating it is harmless:
 * a closed election is sealed, a sealed one answers its results.
 */
export default route(
  {
    operationId: 's2sCloseElection',
    method: 'POST',
    path: '/v1/s2s/orgs/:org/elections/:id/close',
    tag: 's2s',
    summary: 'Close and seal an election',
    description:
      'open → closed, committed first so no new ballot is accepted, then closed → sealed, which waits for the ballots still in flight and, under the queue fallback, for the queued ballots promised before the close (503 unavailable while they are not all applied: retry). Repeating it is harmless: a closed election is sealed, a sealed one answers its tally.',
    access: 's2s',
    responses: { 200: SealedAnswer },
    errors: ['unknown_election', 'invalid_transition', 'idempotency_conflict'],
  },
  (deps) =>
    async (c, { params, caller }) => {
      const electionId = params.id;
      const { was, closedAt, mode, queued } = await withTenant(
        deps.sql,
        caller.orgId,
        async (tx) => {
          const before = await setStatus(tx, electionId, 'open', 'closed');
          const [row] = await tx<{ closedAt: Date | null; ballotMode: BallotMode | null; queueUsed: boolean }[]>`
            select closed_at, ballot_mode, queue_used from ballot_box.elections where id = ${electionId}`;
          beforeDeadline(c);
          return {
            was: before,
            closedAt: row?.closedAt ?? null,
            mode: row?.ballotMode ?? deps.config.ballotMode,
            queued: row?.queueUsed ?? true,
          };
        },
        quickMsLeft(c, deps),
      );
      if (was === undefined) throw new ApiError('unknown_election', 'unknown election');
      if (was === 'draft') throw new ApiError('invalid_transition', 'a draft cannot be closed; open it first');
      // Under the queue fallback, the ballots promised before the close are applied before the seal; an election
      // that takes only the fast path, or that no instance queued a ballot for (migration 000029), has none, and
      // seals at once.
      if (deps.queue && mode !== 'sync' && queued && closedAt && was !== 'sealed')
        await drainQueue(deps.queue.ballots, electionId, closedAt, msLeft(c) ?? 30_000);
      return idempotent(
        c,
        deps,
        async (tx) => {
          const sealed = await sealElection(tx, electionId);
          if (typeof sealed === 'string') throw new ApiError('invalid_transition', `cannot seal: ${sealed}`);
          return { status: 200 as const, body: { status: 'sealed' as const, results: sealed } };
        },
        msLeft(c), // sealing rewrites every ballot: the whole signed deadline
      );
    },
);
