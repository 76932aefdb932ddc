/**
 * API requests counted per org in memory and handed over in batches (a
 * report a minute per org), so metering never adds work per request beyond
 * a map update, and the vote publishes nothing per ballot.
 */
export class RequestCounter {
  private counts = new Map<string, number>();

  count(orgId: string | undefined): void {
    if (orgId) this.counts.set(orgId, (this.counts.get(orgId) ?? 0) + 1);
  }

  /** The counts so far, and a fresh start. */
  drain(): Map<string, number> {
    const counts = this.counts;
    this.counts = new Map();
    return counts;
  }

  /** Calls `report` with the drained counts every `everyMs`; returns a stop that reports what is left. */
  every(everyMs: number, report: (counts: Map<string, number>) => Promise<void>): () => Promise<void> {
    const flush = () => {
      const counts = this.drain();
      return counts.size ? report(counts) : Promise.resolve();
    };
    const timer = setInterval(() => void flush().catch(() => {}), everyMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await flush();
    };
  }
}
