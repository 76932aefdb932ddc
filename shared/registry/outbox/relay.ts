/**
 * The outbox relay, with no transaction open across a publish:
 * 1. a short transaction claims the oldest unpublished events with a lease
 *    (rows another relay is claiming or holds a lease on are skipped);
 * 2. with no transaction open, each is published to its topics, each
 *    publish given `publishTimeoutMs`;
 * 3. a short transaction marks the published ones and releases the others
 *    for the next run. A relay that dies before 3 leaves a lease that runs
 *    out; the event is then published again (consumers dedupe by event id).
 * Run with the relay role for every org (the scheduled sweep), or as the
 * registry in one org's tenant transaction right after a change commits.
 */
import { transaction, withTenant, type Sql, type Tx } from '../../common/db/index.js';
import { claimOutbox, markPublished, releaseClaims } from '../db/index.js';
import type { Publisher } from '../../common/pubsub/publisher.js';
import { withDeadline } from '../../common/deadline.js';
import { SpanKind } from '@opentelemetry/api';
import { inSpanFrom, traceHeaders } from '../../common/trace/tracing.js';

export type RelayOptions = { orgId?: string; limit?: number; publishTimeoutMs?: number; leaseSeconds?: number };

/** Longer than any publish is given: a lease runs out only when its relay is gone. */
const defaultLeaseSeconds = 60;

export async function relayOnce(sql: Sql, publisher: Publisher, options: RelayOptions = {}): Promise<number> {
  const inTx = <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
    options.orgId ? withTenant(sql, options.orgId, work) : transaction(sql, work);
  const rows = await inTx((tx) => claimOutbox(tx, options.limit ?? 500, options.leaseSeconds ?? defaultLeaseSeconds));
  if (rows.length === 0) return 0;
  const timeoutMs = options.publishTimeoutMs ?? 20_000;
  const outcomes = await Promise.allSettled(
    rows.map((row) =>
      Promise.all(
        row.topics.map((topic) =>
          // A producer span in the trace of the change that recorded the event; the message carries its context.
          inSpanFrom(
            { traceparent: row.traceParent ?? undefined },
            'ekklesia.relay',
            `publish ${topic}`,
            () =>
              withDeadline(publisher.publish(topic, row.envelope, traceHeaders().traceparent), timeoutMs, 'publish'),
            SpanKind.PRODUCER,
          ),
        ),
      ),
    ),
  );
  const published = rows.filter((_, i) => outcomes[i]!.status === 'fulfilled').map((r) => r.id);
  const failed = rows.filter((_, i) => outcomes[i]!.status === 'rejected').map((r) => r.id);
  await inTx(async (tx) => {
    await markPublished(tx, published);
    await releaseClaims(tx, failed);
  });
  const failure = outcomes.find((o) => o.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return rows.length;
}

/** Relays until nothing is left (or `maxRounds` runs); returns how many events went out. */
export async function relayAll(
  sql: Sql,
  publisher: Publisher,
  options: RelayOptions & { maxRounds?: number } = {},
): Promise<number> {
  let total = 0;
  for (let round = 0; round < (options.maxRounds ?? 20); round++) {
    const sent = await relayOnce(sql, publisher, options);
    total += sent;
    if (sent === 0) break;
  }
  return total;
}
