/**
 * A consecutive-failure circuit breaker: after `threshold` failures in a row
 * it opens and fails calls at once for `openMs`; then it lets one trial call
 * through (half-open): success closes it, failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError';
}

export class Breaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly openMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.failures < this.threshold) return 'closed';
    return this.now() - this.openedAt >= this.openMs ? 'half_open' : 'open';
  }

  /** Throws when the circuit is open (or a half-open trial is already running). */
  admit(): void {
    const state = this.state;
    if (state === 'open' || (state === 'half_open' && this.trialInFlight)) throw new CircuitOpenError('circuit open');
    if (state === 'half_open') this.trialInFlight = true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures = Math.min(this.failures + 1, this.threshold);
    if (this.failures >= this.threshold) this.openedAt = this.now();
  }
}
