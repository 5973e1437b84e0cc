/**
 * What waits for the database, bounded and deadline-aware. Separate from any one writer (today the
 * group committer; later a log projector) so the guarantees survive a change of ingest design:
 * - at most `maxCount` entries and `maxBytes` bytes wait at once; past either, `enqueue` refuses at
 *   once (OverloadedError → 503) instead of growing memory without bound during an outage;
 * - each entry has its own deadline and is answered (DeadlineError → 503) when it passes, even while
 *   its write is still running;
 * - an entry already answered is never handed to a writer again (`take` skips it), so after an
 *   outage the database writes what is still awaited, not a stale backlog, and new pushes get 200.
 */
export class OverloadedError extends Error {
  constructor(what: string) {
    super(`Too many pushes are waiting for the database (${what}); retry shortly.`);
    this.name = "OverloadedError";
  }
}

export class DeadlineError extends Error {
  constructor(ms: number) {
    super(`storage did not answer within ${ms} ms (timeout)`);
    this.name = "DeadlineError";
  }
}

export interface QueueLimits {
  maxCount: number;
  maxBytes: number;
}

export class Waiting<T, R> {
  private done = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly item: T,
    readonly bytes: number,
    private readonly settle: (w: Waiting<T, R>) => void,
    private readonly onResolve: (r: R) => void,
    private readonly onReject: (e: unknown) => void,
  ) {}

  /** Answered already (written, failed, or past its deadline): nothing more to do for it. */
  get settled(): boolean {
    return this.done;
  }

  arm(deadlineAt: number): void {
    const ms = Math.max(0, deadlineAt - Date.now());
    this.timer = setTimeout(() => this.reject(new DeadlineError(ms)), ms);
  }

  resolve(r: R): void {
    if (this.finish()) this.onResolve(r);
  }

  reject(e: unknown): void {
    if (this.finish()) this.onReject(e);
  }

  private finish(): boolean {
    if (this.done) return false;
    this.done = true;
    clearTimeout(this.timer);
    this.settle(this);
    return true;
  }
}

export class BoundedQueue<T, R> {
  private queue: Waiting<T, R>[] = [];
  /** Entries not yet answered, queued or being written: what holds memory. */
  private count = 0;
  private bytes = 0;

  constructor(private readonly limits: QueueLimits) {}

  get waiting(): { count: number; bytes: number; queued: number } {
    return { count: this.count, bytes: this.bytes, queued: this.queue.length };
  }

  /** Queues `item` until `deadlineAt` (epoch ms); rejects at once past the limits. */
  enqueue(item: T, bytes: number, deadlineAt: number): Promise<R> {
    if (this.count + 1 > this.limits.maxCount) return Promise.reject(new OverloadedError(`${this.count} pushes`));
    if (this.count > 0 && this.bytes + bytes > this.limits.maxBytes)
      return Promise.reject(new OverloadedError(`${this.bytes} bytes`));
    // Answered entries are skipped lazily; compact now and then so they cannot pile up either.
    if (this.queue.length > 2 * this.count + 64) this.queue = this.queue.filter((w) => !w.settled);
    return new Promise<R>((resolve, reject) => {
      const w = new Waiting<T, R>(item, bytes, (x) => this.release(x), resolve, reject);
      this.count += 1;
      this.bytes += bytes;
      this.queue.push(w);
      w.arm(deadlineAt);
    });
  }

  /** Removes and returns up to `max` entries still awaited, dropping the ones already answered. */
  take(max: number): Waiting<T, R>[] {
    const out: Waiting<T, R>[] = [];
    while (out.length < max && this.queue.length > 0) {
      const w = this.queue.shift()!;
      if (!w.settled) out.push(w);
    }
    return out;
  }

  get hasWork(): boolean {
    while (this.queue.length > 0 && this.queue[0]!.settled) this.queue.shift();
    return this.queue.length > 0;
  }

  private release(w: Waiting<T, R>): void {
    this.count -= 1;
    this.bytes -= w.bytes;
  }
}
