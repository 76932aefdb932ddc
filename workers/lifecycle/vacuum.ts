/**
 * After a seal, the ballot tables hold the dead rows of the ballots it
 * rewrote and the token hashes it deleted, and the registry the dead rows of
 * the election's registered list. VACUUM makes their space free for reuse
 * now instead of whenever autovacuum comes by. It runs as the
 * tables' owner (PostgreSQL 15 lets no one else), outside any transaction.
 */
import type { Sql } from '../../shared/common/db/index.js';

export async function vacuumBallotTables(sql: Sql): Promise<void> {
  await sql`vacuum (analyze) ballot_box.ballots, ballot_box.tokens, registry.token_registrations`.simple();
}
