/**
 * Fast-fail access to a small pool: at most `size` statements in flight (the
 * pool's connections times the statements each may pipeline); a caller
 * that cannot get a place within `timeoutMs` is refused (the route answers
 * 503 overloaded with Retry-After) instead of queueing behind a burst.
 * With `workTimeoutMs`, a caller whose work has not finished by then is
 * answered with a DeadlineError (503 unavailable: a database that stopped
 * answering), while its place stays taken until the work really ends, so
 * nothing more piles onto a database that does not answer.
 */
import { withDeadline } from '../deadline.js';

export class GateTimeoutError extends Error {
  override name = 'GateTimeoutError';
  constructor(
    message: string,
    /** When a place is likely free again for a caller who joins the line now: the line ahead, served at the gate's pace. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The longest Retry-After the gate asks for: a client should never be told to give up on a meeting's vote. */
export const maxRetryAfterSeconds = 30;
/** Weight of the latest hold in the mean: about the last 20 calls. */
const holdWeight = 0.05;

type Waiter = { grant: () => void; timer: NodeJS.Timeout };

export class Gate {
  private inUse = 0;
  private readonly waiters: Waiter[] = [];
  /** How long a place is held, on average (milliseconds): the pace before the gate was ever full. */
  private meanHoldMs = 0;
  /**
   * The time between two places freed while every place was taken (milliseconds, on average): the pace the gate
   * actually serves at. Hold times alone misjudge it when the process is starved of CPU (a hold then counts the
   * event loop's lag, and `meanHoldMs ÷ size` told a burst's refusals 21 s while the gate served a place a
   * millisecond: bench/ANALYSIS.md).
   */
  private meanGapMs = 0;
  private lastReleased: number | undefined;
  /**
   * Until when (by `clock`) refused callers have been told to come back, one place each at the pace: the next one
   * refused is booked after them, so a burst's refusals return spread over the time the gate needs to serve them,
   * not together (where all but a pace's worth are refused again).
   */
  private bookedUntil = 0;

  private readonly sharedBudget: boolean;
  private readonly clock: () => number;

  /**
   * With `sharedBudget`, `workTimeoutMs` counts from the caller's arrival, not its grant: the wait and the work
   * together keep one promise (a caller that waited 1.2 s of a 2 s budget has 0.8 s left for its work). `clock`
   * (milliseconds) times holds and waits; tests give their own.
   */
  constructor(
    readonly size: number,
    private readonly timeoutMs: number,
    private readonly workTimeoutMs?: number,
    options: { sharedBudget?: boolean; clock?: () => number } = {},
  ) {
    this.sharedBudget = options.sharedBudget ?? false;
    this.clock = options.clock ?? (() => performance.now());
    if (this.sharedBudget && (workTimeoutMs === undefined || timeoutMs >= workTimeoutMs))
      throw new Error('a shared budget leaves time for the work: the wait must be shorter than it');
  }

  get stats() {
    return { size: this.size, inUse: this.inUse, waiting: this.waiters.length };
  }

  /**
   * Seconds until a line of `ahead` callers is likely served: each caller in it (and the newcomer) one place freed
   * later, at the pace places were freed while the gate was full (before it ever was: `meanHoldMs ÷ size`); at
   * least 1, at most `maxRetryAfterSeconds`. So clients refused while the line is long come back spread out
   * instead of together a second later.
   */
  retryAfterSeconds(ahead = this.waiters.length): number {
    return this.secondsUntil((ahead + 1) * this.pace());
  }

  /**
   * A refused caller's Retry-After: its place after the line ahead and after every caller refused before it and not
   * yet due back, booked so the next is told a place later.
   */
  private book(ahead: number): number {
    const now = this.clock();
    const pace = this.pace();
    const at = Math.min(Math.max(now + (ahead + 1) * pace, this.bookedUntil + pace), now + maxRetryAfterSeconds * 1000);
    this.bookedUntil = at;
    return this.secondsUntil(at - now);
  }

  private pace(): number {
    return this.meanGapMs || this.meanHoldMs / this.size;
  }

  private secondsUntil(ms: number): number {
    return Math.min(maxRetryAfterSeconds, Math.max(1, Math.ceil(ms / 1000)));
  }

  /**
   * Runs `work` once a place is free, telling it the milliseconds it has (undefined: no work deadline). With one
   * free, no promise is made before `work` starts.
   */
  run<T>(work: (msLeft: number | undefined) => Promise<T>): Promise<T> {
    if (this.inUse < this.size) {
      this.inUse++;
      return this.holding(work, this.workTimeoutMs);
    }
    const arrived = this.clock();
    return this.acquire().then(() =>
      this.holding(
        work,
        this.sharedBudget ? Math.max(1, this.workTimeoutMs! - (this.clock() - arrived)) : this.workTimeoutMs,
      ),
    );
  }

  private holding<T>(work: (msLeft: number | undefined) => Promise<T>, workTimeoutMs: number | undefined): Promise<T> {
    const since = this.clock();
    let running: Promise<T>;
    try {
      running = work(workTimeoutMs);
    } catch (err) {
      this.release(since);
      return Promise.reject(err);
    }
    if (workTimeoutMs !== undefined) {
      // The place follows the work, the caller the deadline.
      running.then(
        () => this.release(since),
        () => this.release(since),
      );
      return withDeadline(running, workTimeoutMs, 'the database call');
    }
    // then(onOk, onErr) rather than finally(): one promise instead of three.
    return running.then(
      (value) => {
        this.release(since);
        return value;
      },
      (err: unknown) => {
        this.release(since);
        throw err;
      },
    );
  }

  private acquire(): Promise<void> {
    return new Promise((resolve, reject) => {
      // Refused, a caller is told how long the line it joined takes: those behind it are told more.
      const ahead = this.waiters.length;
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new GateTimeoutError(`no place within ${this.timeoutMs} ms`, this.book(ahead)));
        }, this.timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private release(since: number): void {
    const now = this.clock();
    const held = now - since;
    this.meanHoldMs = this.meanHoldMs === 0 ? held : this.meanHoldMs + holdWeight * (held - this.meanHoldMs);
    if (this.inUse === this.size && this.lastReleased !== undefined) {
      const gap = now - this.lastReleased;
      this.meanGapMs = this.meanGapMs === 0 ? gap : this.meanGapMs + holdWeight * (gap - this.meanGapMs);
    }
    this.lastReleased = now;
    const next = this.waiters.shift();
    if (next)
      next.grant(); // the place passes straight to the next waiter
    else this.inUse--;
  }
}
