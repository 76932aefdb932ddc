/**
 * Several tokens cast in one transaction (a proxy holder's bundle, or a
 * split): the same `ballot_box.cast_ballot` statement per token, in the
 * order given, all or nothing. A token another request holds (NOWAIT)
 * aborts the whole transaction (`busy`), and so does any cast that is not
 * `counted` or `repeated`: nothing is stored unless every ballot is. Safe
 * to retry like a single cast: the same tokens with the same choices find
 * their ballots (`repeated`).
 */
import { hasSqlState, sqlState, transaction, type Sql } from '../../common/db/index.js';
import { castBallot, type CastOutcome } from './castBallot.js';

export type BatchBallot = { tokenHash: Buffer; receipt: string; choices: string[] };
type Refused = Exclude<CastOutcome, 'counted' | 'repeated'>;

/** Each token's units, for a split: the ballot box keeps them (none: the token is not this election's). */
export async function tokenUnits(
  sql: Sql,
  orgId: string,
  electionId: string,
  hashes: Buffer[],
): Promise<Map<string, number>> {
  const rows = await transaction(sql, async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true)`;
    return tx<{ tokenHash: Buffer; units: number }[]>`
      select t.token_hash, t.units from ballot_box.tokens t
      where t.election_id = ${electionId}
        and t.token_hash in (select decode(h, 'hex') from unnest(${hashes.map((x) => x.toString('hex'))}::text[]) as h)`;
  });
  return new Map(rows.map((r) => [r.tokenHash.toString('hex'), r.units]));
}

export async function castBatch(
  sql: Sql,
  orgId: string,
  electionId: string,
  ballots: BatchBallot[],
): Promise<{ outcomes: CastOutcome[] } | { refused: Refused; at: number }> {
  const refusal = new Error('refused');
  let refused: { refused: Refused; at: number } | undefined;
  try {
    return await transaction(sql, async (tx) => {
      const outcomes: CastOutcome[] = [];
      for (const [at, ballot] of ballots.entries()) {
        const outcome = await castBallot(tx as unknown as Sql, { orgId, electionId, ...ballot });
        if (outcome !== 'counted' && outcome !== 'repeated') {
          refused = { refused: outcome, at };
          throw refusal; // rolls back every ballot of the batch
        }
        outcomes.push(outcome);
      }
      return { outcomes };
    });
  } catch (err) {
    if (err === refusal && refused) return refused;
    if (hasSqlState(err, sqlState.lockNotAvailable)) return { refused: 'busy', at: -1 };
    throw err;
  }
}
