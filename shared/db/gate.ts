/**
 * Fast-fail access to a small pool: at most `size` holders at once; a caller
 * that cannot get a place within `timeoutMs` is refused (the route answers
 * 503 overloaded with Retry-After) instead of queueing behind a burst.
 */
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
  ) {}

  get stats() {
    return { size: this.size, inUse: this.inUse, waiting: this.waiters.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.inUse < this.size) {
      this.inUse++;
      return Promise.resolve();
    }
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
    if (next) next.grant(); // the place passes straight to the next waiter
    else this.inUse--;
  }
}
