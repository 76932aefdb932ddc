import type { Sql } from '../../common/db/pool.js';
import { callTimeoutOf } from '../../common/db/pool.js';
import { withDeadline } from '../../common/deadline.js';
import type { WrappedKey } from '../electionKeys.js';

export type Issuance =
  | { outcome: 'not_member' | 'not_eligible' | 'unknown_election' | 'not_open' }
  | { outcome: 'ready'; key: WrappedKey; mustRegister: boolean }
  | { outcome: 'issued'; key: WrappedKey; first: boolean };

type Row = {
  outcome: Issuance['outcome'];
  keyVersion: string | null;
  wrapped: Buffer | null;
  mustRegister: boolean | null;
  first: boolean | null;
};

/**
 * One voting-token request's checks and record, in one autocommit statement
 * (`registry.issue_token`, migrations 000019 and 000020): the member is
 * active, the election takes tokens, and whether the member's hash must be
 * registered first. With `record` (the caller holds the election's secret)
 * and nothing to register, the issuance is written. No event: tokens are
 * counted at the seal.
 */
export async function issueToken(
  sql: Sql,
  orgId: string,
  electionId: string,
  subject: string,
  options: { record: boolean; registered: boolean },
): Promise<Issuance> {
  const statement = sql<Row[]>`
    select * from registry.issue_token(${orgId}, ${electionId}, ${subject}, ${options.record}, ${options.registered})`;
  const timeoutMs = callTimeoutOf(sql);
  const [row] = timeoutMs === undefined ? await statement : await withDeadline(statement, timeoutMs, 'issue_token');
  const key = { keyVersion: row!.keyVersion!, wrapped: row!.wrapped! };
  switch (row!.outcome) {
    case 'ready':
      return { outcome: 'ready', key, mustRegister: row!.mustRegister! };
    case 'issued':
      return { outcome: 'issued', key, first: row!.first! };
    default:
      return { outcome: row!.outcome };
  }
}
