/**
 * The relay right after a change commits, coalesced: at most one run per org
 * in flight in this instance. A change that commits while its org's run is
 * in flight asks for one more round of that run instead of starting its own,
 * so a burst of N token requests starts a handful of relays, not N, and
 * they do not compete with the requests for the pool. Nothing is missed: a
 * round claims everything committed before it starts, and a request asks
 * after its change committed. What a failed run leaves, the scheduled sweep
 * publishes.
 */
export type AfterCommitRelay = {
  /** After a change in `orgId` committed: publish its org's outbox soon. */
  kick(orgId: string): void;
  /** Resolves when no run is in flight (tests, shutdown). */
  settled(): Promise<void>;
};

export function coalesceRelays(
  relay: (orgId: string) => Promise<unknown>,
  onError: (err: unknown, orgId: string) => void,
): AfterCommitRelay {
  const inFlight = new Map<string, { again: boolean; done: Promise<void> }>();

  const run = async (orgId: string, state: { again: boolean }) => {
    try {
      do {
        state.again = false;
        await relay(orgId);
      } while (state.again);
    } catch (err) {
      onError(err, orgId);
    } finally {
      inFlight.delete(orgId);
    }
  };

  return {
    kick(orgId) {
      const running = inFlight.get(orgId);
      if (running) {
        running.again = true;
        return;
      }
      const state = { again: false, done: Promise.resolve() };
      inFlight.set(orgId, state);
      state.done = run(orgId, state);
    },
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight.values()].map((s) => s.done));
    },
  };
}
