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
}

type Waiter = { grant: () => void; timer: NodeJS.Timeout };

export class Gate {
  private inUse = 0;
  private readonly waiters: Waiter[] = [];

  constructor(
    readonly size: number,
    private readonly timeoutMs: number,
    private readonly workTimeoutMs?: number,
  ) {}

  get stats() {
    return { size: this.size, inUse: this.inUse, waiting: this.waiters.length };
  }

  /** Runs `work` once a place is free. With one free, no promise is made before `work` starts. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inUse < this.size) {
      this.inUse++;
      return this.holding(work);
    }
    return this.acquire().then(() => this.holding(work));
  }

  private holding<T>(work: () => Promise<T>): Promise<T> {
    let running: Promise<T>;
    try {
      running = work();
    } catch (err) {
      this.release();
      return Promise.reject(err);
    }
    if (this.workTimeoutMs !== undefined) {
      // The place follows the work, the caller the deadline.
      running.then(
        () => this.release(),
        () => this.release(),
      );
      return withDeadline(running, this.workTimeoutMs, 'the database call');
    }
    // then(onOk, onErr) rather than finally(): one promise instead of three.
    return running.then(
      (value) => {
        this.release();
        return value;
      },
      (err: unknown) => {
        this.release();
        throw err;
      },
    );
  }

  private acquire(): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new GateTimeoutError(`no database connection within ${this.timeoutMs} ms`));
        }, this.timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next)
      next.grant(); // the place passes straight to the next waiter
    else this.inUse--;
  }
}
