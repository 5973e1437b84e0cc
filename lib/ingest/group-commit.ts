import "server-only";
import { BoundedQueue, type QueueLimits, type Waiting } from "./bounded-queue";

export interface GroupCommitOptions extends QueueLimits {
  /** Most items written in one transaction. */
  maxBatch: number;
  /** Transactions allowed in flight at once (1 for PGlite, which has one connection). */
  maxInFlight: number;
  /**
   * True when a failed batch says "the database is not there" (connection refused, timeout): then
   * every waiter is answered at once. Otherwise one item may be bad, and the rest are retried one by one.
   */
  isOutage?: (err: unknown) => boolean;
}

/**
 * Group commit: concurrent callers' items are written together in one transaction, and each
 * caller's promise settles only after that transaction commits (or fails, or its deadline passes).
 * While a batch is in flight, new arrivals queue up (bounded, see BoundedQueue) and form the next
 * batch, so batches grow with load and a lone request is never delayed by a timer.
 */
export class GroupCommitter<T, R> {
  private readonly queue: BoundedQueue<T, R>;
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly opts: GroupCommitOptions,
  ) {
    this.queue = new BoundedQueue(opts);
  }

  /** What is waiting now (for health and tests). */
  get waiting() {
    return this.queue.waiting;
  }

  /** Queues `item` (weighing `bytes`) to be written before `deadlineAt` (epoch ms). */
  submit(item: T, bytes = 0, deadlineAt = Date.now() + 8_000): Promise<R> {
    const answer = this.queue.enqueue(item, bytes, deadlineAt);
    this.schedule();
    return answer;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight || !this.queue.hasWork) return;
    this.scheduled = true;
    // One macrotask of grace lets requests parsed in the same I/O turn share the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.opts.maxInFlight) return;
    const batch = this.queue.take(this.opts.maxBatch);
    if (batch.length === 0) return;
    this.inFlight += 1;
    try {
      await this.writeBatch(batch);
    } finally {
      this.inFlight -= 1;
      this.schedule();
    }
  }

  private async writeBatch(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((w) => w.item));
      // A waiter answered 503 at its deadline may still be committed here: that is the documented
      // "may have been stored"; its retry is answered duplicate.
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1 || this.opts.isOutage?.(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      // One bad item must not fail its neighbours: retry the ones still awaited, each on its own,
      // until the database itself turns out to be the problem.
      const rest = batch.filter((w) => !w.settled);
      for (let i = 0; i < rest.length; i++) {
        if (rest[i]!.settled) continue;
        try {
          const [result] = await this.write([rest[i]!.item]);
          rest[i]!.resolve(result!);
        } catch (single) {
          rest[i]!.reject(single);
          if (this.opts.isOutage?.(single)) {
            for (const w of rest.slice(i + 1)) w.reject(single);
            return;
          }
        }
      }
    }
  }
}
