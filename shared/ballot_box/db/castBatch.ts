/**
 * Several tokens cast in one transaction (a proxy holder's bundle, or a
 * split): `ballot_box.cast_ballot` per token, in the order given, in one
 * statement (one round trip for the whole batch), all or nothing. A token another request holds (NOWAIT)
 * aborts the whole transaction (`busy`), and so does any cast that is not
 * `counted` or `repeated`: nothing is stored unless every ballot is. Safe
 * to retry like a single cast: the same tokens with the same choices find
 * their ballots (`repeated`).
 */
import { hasSqlState, sqlState, transaction, type Sql } from '../../common/db/index.js';
import { outcomeOf, type CastOutcome, type CastRow } from './castBallot.js';
import { dbSpan } from '../../common/db/span.js';

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

type BatchRow = CastRow & { ord: string };

export async function castBatch(
  sql: Sql,
  orgId: string,
  electionId: string,
  ballots: BatchBallot[],
): Promise<{ outcomes: CastOutcome[] } | { refused: Refused; at: number }> {
  const refusal = new Error('refused');
  let refused: { refused: Refused; at: number } | undefined;
  try {
    return await dbSpan('cast batch', () => castAll(sql, orgId, electionId, ballots, refusal, (r) => (refused = r)));
  } catch (err) {
    if (err === refusal && refused) return refused;
    if (hasSqlState(err, sqlState.lockNotAvailable)) return { refused: 'busy', at: -1 };
    throw err;
  }
}

function castAll(
  sql: Sql,
  orgId: string,
  electionId: string,
  ballots: BatchBallot[],
  refusal: Error,
  refuse: (r: { refused: Refused; at: number }) => void,
): Promise<{ outcomes: CastOutcome[] }> {
  return transaction(sql, async (tx) => {
    // Every token's cast in one statement (one round trip, not one per token), in the order given; an option id
    // has no comma (OptionId), so the choices travel joined.
    const rows = await tx<BatchRow[]>`
        select b.ord, c.* from unnest(
            ${ballots.map((b) => b.tokenHash.toString('hex'))}::text[],
            ${ballots.map((b) => b.receipt)}::text[],
            ${ballots.map((b) => b.choices.join(','))}::text[]
          ) with ordinality as b(hash, receipt, choices, ord)
          cross join lateral ballot_box.cast_ballot(${orgId}, ${electionId}, decode(b.hash, 'hex'), b.receipt,
            string_to_array(b.choices, ','), null, null) c
        order by b.ord`;
    const found = new Map(rows.map((r) => [Number(r.ord) - 1, r]));
    const outcomes: CastOutcome[] = [];
    for (const [at, ballot] of ballots.entries()) {
      const outcome = outcomeOf(found.get(at), ballot.choices);
      if (outcome !== 'counted' && outcome !== 'repeated') {
        refuse({ refused: outcome, at });
        throw refusal; // rolls back every ballot of the batch
      }
      outcomes.push(outcome);
    }
    return { outcomes };
  });
}
