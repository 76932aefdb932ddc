/**
 * The outbox relay: claims unpublished events (FOR UPDATE SKIP LOCKED),
 * publishes each to its topics and marks it published, in one transaction.
 * If any publish fails the transaction rolls back and the rows stay for the
 * next run; consumers dedupe by event id, so a row published but not marked
 * (a crash between the two) costs only a duplicate delivery.
 * Run with the relay role for every org (the scheduled sweep), or in an
 * org's tenant transaction right after a change commits.
 */
import { withTenant, type Sql, type Tx } from '../../common/db/index.js';
import { claimOutbox, markPublished } from '../db/index.js';
import type { Publisher } from '../../common/pubsub/publisher.js';

export async function relayOnce(
  sql: Sql,
  publisher: Publisher,
  options: { orgId?: string; limit?: number } = {},
): Promise<number> {
  const work = async (tx: Tx) => {
    const rows = await claimOutbox(tx, options.limit ?? 500);
    if (rows.length === 0) return 0;
    await Promise.all(rows.flatMap((row) => row.topics.map((topic) => publisher.publish(topic, row.envelope))));
    await markPublished(
      tx,
      rows.map((r) => r.id),
    );
    return rows.length;
  };
  return options.orgId ? withTenant(sql, options.orgId, work) : (sql.begin(work) as Promise<number>);
}

/** Relays until nothing is left (or `maxRounds` runs); returns how many events went out. */
export async function relayAll(
  sql: Sql,
  publisher: Publisher,
  options: { orgId?: string; maxRounds?: number } = {},
): Promise<number> {
  let total = 0;
  for (let round = 0; round < (options.maxRounds ?? 20); round++) {
    const sent = await relayOnce(sql, publisher, options);
    total += sent;
    if (sent === 0) break;
  }
  return total;
}
