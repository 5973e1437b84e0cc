import "server-only";
import { getDb } from "@/lib/db";
import { envNumber } from "@/lib/db/errors";
import { isStorageError } from "@/lib/http";
import { parkOldestPending, projectBatch } from "./project-batch";

// The projector loop, one per process (started from instrumentation.ts). Every instance runs one;
// the advisory lock in projectBatch lets one fold at a time, and whichever instance is alive picks
// up the pending rows, so a killed instance's acknowledged pushes are folded by the others.

/** Events folded per transaction: big enough to amortise the task-row writes, small enough to stay fast. */
const BATCH = 2_000;
/** With nothing signalled, look for work this often (pushes acknowledged by other instances). */
const IDLE_POLL_MS = 100;
/** After an error (database down), wait this long before trying again. */
const ERROR_PAUSE_MS = 1_000;

interface ProjectorHandle {
  wake(): void;
  stop(): Promise<void>;
}
const holder = globalThis as unknown as { __umProjector?: ProjectorHandle };

/** Tells this process's projector that new events were committed (called after each ingest batch). */
export function wakeProjector(): void {
  holder.__umProjector?.wake();
}

/** Starts the loop once per process; PROJECTOR=off makes an ingest-only instance. */
export function startProjector(): void {
  if (holder.__umProjector || /^(0|off|false|no)$/i.test(process.env.PROJECTOR ?? "")) return;
  const batch = envNumber("PROJECTOR_BATCH", BATCH);
  let limit = batch;
  let wakeUp: (() => void) | null = null;
  let signalled = false;
  let stopped = false;
  /** Waits `ms`, or less when this process commits new events (unless another instance is folding). */
  const pause = (ms: number, wakeable = true) =>
    new Promise<void>((resolve) => {
      if (wakeable && signalled) return resolve();
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      if (wakeable) wakeUp = done;
    });
  const loop = (async () => {
    while (!stopped) {
      signalled = false;
      try {
        const { prisma } = await getDb();
        const { events, busy } = await projectBatch(prisma, limit);
        limit = batch;
        // A full batch means more is waiting: go on at once. Busy: another instance is folding.
        if (busy) await pause(IDLE_POLL_MS * 5, false);
        else if (events < limit) await pause(IDLE_POLL_MS);
      } catch (err) {
        if (stopped) break;
        const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
        if (isStorageError(err)) {
          console.error("[projection] database unavailable (will retry):", message);
          await pause(ERROR_PAUSE_MS);
        } else if (limit > 1) {
          // Not the database: one notification the fold cannot take. Halve the batch to find it.
          limit = Math.ceil(limit / 2);
        } else {
          const parked = await parkOldestPending((await getDb()).prisma, message).catch(() => null);
          console.error(`[projection] notification ${String(parked)} set aside (projection_parked): ${message}`);
          limit = batch;
          await pause(ERROR_PAUSE_MS);
        }
      }
    }
  })();
  holder.__umProjector = {
    wake: () => {
      signalled = true;
      wakeUp?.();
    },
    stop: async () => {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}

/** Stops the loop after its current fold (graceful shutdown: nothing is half-folded either way). */
export async function stopProjector(): Promise<void> {
  await holder.__umProjector?.stop();
}
