import type { Tx } from '../../common/db/pool.js';

export type UsageDelta = { tokensIssued?: number; ballotsCast?: number; electionsRun?: number; apiRequests?: number };

/** Adds to an org's usage of one (UTC) day. */
export async function addUsage(tx: Tx, orgId: string, day: string, delta: UsageDelta): Promise<void> {
  await tx`
    insert into registry.usage_daily as u (org_id, day, tokens_issued, ballots_cast, elections_run, api_requests)
    values (${orgId}, ${day}, ${delta.tokensIssued ?? 0}, ${delta.ballotsCast ?? 0}, ${delta.electionsRun ?? 0}, ${delta.apiRequests ?? 0})
    on conflict (org_id, day) do update set
      tokens_issued = u.tokens_issued + excluded.tokens_issued,
      ballots_cast = u.ballots_cast + excluded.ballots_cast,
      elections_run = u.elections_run + excluded.elections_run,
      api_requests = u.api_requests + excluded.api_requests`;
}
