/**
 * API requests counted per org in memory and handed over in batches (a
 * report a minute per org), so metering never adds work per request beyond
 * a map update, and the vote publishes nothing per ballot.
 * A report gets an id when it is made and keeps it until it is delivered:
 * one that fails is logged and tried again at the next flush, as it was, so
 * its requests are neither lost nor (the consumer dedupes by id) counted twice.
 * Bounded: a flush makes at most `maxReportsPerFlush` new reports (the other
 * orgs' counts wait for the next one), and at most `maxPending` reports wait
 * for delivery (beyond that the oldest is dropped, and said so), so an
 * instance sends a bounded number of reports a minute and holds a bounded
 * backlog whatever it serves and however long Pub/Sub is away.
 */
import { randomUUID } from 'node:crypto';
import { maxReportedRequests } from '../../../schemas/domainEvents.js';

export type UsageReport = { orgId: string; apiRequests: number; reportId: string };
export type Deliver = (report: UsageReport) => Promise<void>;
export type OnFailure = (err: unknown, report: UsageReport) => void;

export class RequestCounter {
  constructor(
    private readonly limits = { maxReportsPerFlush: 500, maxPending: 5000 },
    private readonly onDropped: (report: UsageReport) => void = () => {},
  ) {}

  private counts = new Map<string, number>();
  /** Reports made and not delivered yet, by id. */
  private readonly pending = new Map<string, UsageReport>();
  private flushing: Promise<void> | undefined;

  count(orgId: string | undefined): void {
    if (orgId) this.counts.set(orgId, (this.counts.get(orgId) ?? 0) + 1);
  }

  /** The counts so far, and a fresh start. */
  drain(): Map<string, number> {
    const counts = this.counts;
    this.counts = new Map();
    return counts;
  }

  /** Requests counted or reported but not delivered yet, per org. */
  undelivered(): Map<string, number> {
    const total = new Map(this.counts);
    for (const r of this.pending.values()) total.set(r.orgId, (total.get(r.orgId) ?? 0) + r.apiRequests);
    return total;
  }

  /** Makes a report of each org's counts so far and delivers every report not yet delivered; one flush at a time. */
  flush(deliver: Deliver, onFailure: OnFailure): Promise<void> {
    this.flushing ??= this.deliverAll(deliver, onFailure).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async deliverAll(deliver: Deliver, onFailure: OnFailure): Promise<void> {
    let made = 0;
    for (const [orgId, apiRequests] of this.counts) {
      if (made++ >= this.limits.maxReportsPerFlush) break;
      // More than one report may carry waits for the next flush.
      if (apiRequests > maxReportedRequests) this.counts.set(orgId, apiRequests - maxReportedRequests);
      else this.counts.delete(orgId);
      const report = { orgId, apiRequests: Math.min(apiRequests, maxReportedRequests), reportId: randomUUID() };
      this.pending.set(report.reportId, report);
    }
    for (const [id, oldest] of this.pending) {
      if (this.pending.size <= this.limits.maxPending) break;
      this.pending.delete(id);
      this.onDropped(oldest);
    }
    await Promise.all(
      [...this.pending.values()].map(async (report) => {
        try {
          await deliver(report);
          this.pending.delete(report.reportId);
        } catch (err) {
          onFailure(err, report);
        }
      }),
    );
  }

  /** Flushes every `everyMs`; returns a stop that flushes what is left. */
  every(everyMs: number, deliver: Deliver, onFailure: OnFailure): () => Promise<void> {
    const timer = setInterval(() => void this.flush(deliver, onFailure), everyMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.flushing; // then one more, for what was counted meanwhile
      await this.flush(deliver, onFailure);
    };
  }
}
