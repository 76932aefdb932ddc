/**
 * Bench fixtures, written straight into the ballot box as the superuser: an
 * open election and N fresh voting tokens (their hashes), plus the tokens in
 * a file for the load generator. Each measured run gets its own election.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Sql } from '../../shared/common/db/index.js';
import { tokenHash } from '../../shared/common/crypto/index.js';

export const benchOrg = 'bench';

export type Fixture = { electionId: string; tokensFile: string; tokens: number };

export async function prepareElection(sql: Sql, tokens: number, tokensFile: string): Promise<Fixture> {
  const electionId = randomUUID();
  await sql`insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices, status)
            values (${benchOrg}, ${electionId}, 'yes_no_abstain', ${['yes', 'no', 'abstain']}::text[], 1, 'open')`;
  const all: string[] = [];
  for (let start = 0; start < tokens; start += 20_000) {
    const batch = Array.from({ length: Math.min(20_000, tokens - start) }, () => randomBytes(32).toString('base64url'));
    await sql`insert into ballot_box.tokens (token_hash, org_id, election_id)
              select decode(h, 'hex'), ${benchOrg}, ${electionId} from unnest(${batch.map((t) => tokenHash(t).toString('hex'))}::text[]) as h`;
    all.push(...batch);
  }
  writeFileSync(tokensFile, `${all.join('\n')}\n`);
  return { electionId, tokensFile, tokens };
}

export type Tally = { ballots: number; distinctReceipts: number; usedTokens: number };

/** What the database holds for a run's election, to compare with the answers the load generator saw. */
export async function tallyOf(sql: Sql, electionId: string): Promise<Tally> {
  const [row] = await sql<Tally[]>`
    select (select count(*)::int from ballot_box.ballots where election_id = ${electionId}) as ballots,
           (select count(distinct receipt)::int from ballot_box.ballots where election_id = ${electionId}) as distinct_receipts,
           (select count(*)::int from ballot_box.tokens where election_id = ${electionId} and used) as used_tokens`;
  return row!;
}

/** The next transaction id the server would assign (assigning none itself), to mark where a token run starts. */
export async function nextXid(sql: Sql): Promise<number> {
  const [row] = await sql<{ xid: string }[]>`select pg_snapshot_xmax(pg_current_snapshot())::text as xid`;
  return Number(row!.xid);
}

/**
 * Rows a token run wrote that name a member (xmin at or after `since.xid`), and events it recorded (since
 * `since.at`): a token request writes none. The minute's request-count report (usage.reported) is not per member,
 * and the relay marking the open's event published is not the run's.
 */
export async function memberWrites(sql: Sql, since: { xid: number; at: Date }): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select (select count(*) from registry.members where xmin::text::bigint >= ${since.xid})
         + (select count(*) from registry.token_registrations where xmin::text::bigint >= ${since.xid})
         + (select count(*) from registry.outbox where occurred_at >= ${since.at} and type <> 'usage.reported')
         as n`;
  return Number(row!.n);
}
