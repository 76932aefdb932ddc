import type { Sql } from '../../common/db/pool.js';
import { callTimeoutOf } from '../../common/db/pool.js';
import { withDeadline } from '../../common/deadline.js';
import type { WrappedKey } from '../electionKeys.js';
import type { Registered } from '../elections/memberTokens.js';
import { dbSpan } from '../../common/db/span.js';

export type TokenRequest =
  | { outcome: 'not_member' | 'not_eligible' | 'unknown_election' | 'not_open' | 'pending' | 'held_by_proxy' }
  | { outcome: 'ready'; key: WrappedKey; units: number[] | null; held: Registered[] };

type Row = {
  outcome: TokenRequest['outcome'];
  keyVersion: string | null;
  wrapped: Buffer | null;
  units: number[] | null;
  held: Registered[] | null;
};

/**
 * What a member's voting-token request may be given, in one autocommit
 * statement that writes nothing (`registry.token_request`, migration 000024):
 * the member is active, the election takes tokens, and, once it is open, the
 * member is on its registered list (`pending` when they became eligible after
 * the open and the lifecycle tick has not registered them yet; in a weighted
 * election, also before its open), with their bundle (migration 000032;
 * null: one token) and the members whose vote they hold (000033; a
 * delegator whose vote is held is `held_by_proxy`). Nothing is
 * recorded: a row per request would name the member and date it, and a
 * backup or the WAL would pair that time with their ballot's.
 */
export async function tokenRequest(
  sql: Sql,
  orgId: string,
  electionId: string,
  subject: string,
): Promise<TokenRequest> {
  const statement = sql<Row[]>`select * from registry.token_request(${orgId}, ${electionId}, ${subject})`;
  const timeoutMs = callTimeoutOf(sql);
  const [row] = await dbSpan('registry.token_request', () =>
    timeoutMs === undefined ? statement : withDeadline(statement, timeoutMs, 'token_request'),
  );
  if (row!.outcome !== 'ready') return { outcome: row!.outcome };
  return {
    outcome: 'ready',
    key: { keyVersion: row!.keyVersion!, wrapped: row!.wrapped! },
    units: row!.units,
    held: row!.held ?? [],
  };
}
