import type { Tx } from '../../common/db/pool.js';

export type UsageDay = {
  day: string;
  tokensIssued: number;
  ballotsCast: number;
  electionsRun: number;
  apiRequests: number;
};

/** Filtered by org explicitly as well: tools may run as a superuser, whom RLS does not restrict. */
export async function usageDays(tx: Tx, orgId: string): Promise<UsageDay[]> {
  return tx<UsageDay[]>`
    select to_char(day, 'YYYY-MM-DD') as day, tokens_issued, ballots_cast, elections_run, api_requests
    from registry.usage_daily where org_id = ${orgId} order by day`;
}
