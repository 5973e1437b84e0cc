import "server-only";

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most items written in one transaction. */
  maxBatch: number;
  /** Transactions allowed in flight at once (1 for PGlite, which has one connection). */
  maxInFlight: number;
}

/**
 * Group commit: concurrent callers' items are written together in one transaction, and each
 * caller's promise settles only after that transaction commits (or fails). While a batch is in
 * flight, new arrivals queue up and form the next batch, so batches grow with load and a lone
 * request is never delayed by a timer.
 */
export class GroupCommitter<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly opts: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // One macrotask of grace lets requests parsed in the same I/O turn share the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.opts.maxInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.opts.maxBatch);
    this.inFlight += 1;
    try {
      await this.writeBatch(batch);
    } finally {
      this.inFlight -= 1;
      this.schedule();
    }
  }

  private async writeBatch(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One bad item must not fail its neighbours: retry them one by one, each in its own transaction.
      for (const p of batch) await this.writeBatch([p]);
    }
  }
}
