import type { Sql } from '../../common/db/index.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';

/** Every token hash registered for the election (spent or not), base64url: what the queue path checks against. */
export async function registeredHashes(sql: Sql, orgId: string, electionId: string): Promise<string[]> {
  const rows = await inOneRoundTrip<{ h: string }>(
    sql,
    { orgId },
    (c) => c`select encode(token_hash, 'base64') as h from ballot_box.tokens where election_id = ${electionId}`,
  );
  return rows.map((r) => Buffer.from(r.h, 'base64').toString('base64url'));
}
