import "server-only";
import { getDb } from "@/lib/db";
import { isStorageError } from "@/lib/http";
import type { ParsedNotification } from "@/lib/notifications/types";
import { wakeProjector } from "@/lib/projection/projector";
import { appendToLog, type StoreResult } from "./append-log";
import { GroupCommitter } from "./group-commit";
import { ingestQueueLimits } from "./queue-limits";

// One per process (on globalThis: server.ts and Next's bundle each load this module).
const holder = globalThis as unknown as { __umCommitter?: GroupCommitter<ParsedNotification, StoreResult> };

function committer(): GroupCommitter<ParsedNotification, StoreResult> {
  holder.__umCommitter ??= new GroupCommitter(
    async (items) => {
      const results = await appendToLog((await writableDb()).prisma, items);
      wakeProjector();
      return results;
    },
    {
      ...ingestQueueLimits(),
      // A connection error or timeout is the database, not one bad push: no one-by-one retry then.
      isOutage: isStorageError,
      maxBatch: 500,
      // An append touches no shared row (the views are folded later), so batches can overlap on
      // PostgreSQL; PGlite has one connection, where overlap only queues (BENCHMARKS.md).
      maxInFlight: process.env.DATABASE_URL ? Number(process.env.INGEST_PARALLEL_BATCHES ?? 4) : 1,
    },
  );
  return holder.__umCommitter;
}

/**
 * Stores one parsed push in the log, exactly once, together with concurrent ones (group commit), and
 * resolves after the commit: `stored` with its id, or `duplicate` with the first copy's id. `bytes`
 * weighs it against INGEST_MAX_WAITING_MB; `deadlineAt` (epoch ms) is when its caller must answer.
 * Rejects with OverloadedError (too much waiting), DeadlineError (not committed in time: it may still
 * commit, and a retry is then answered duplicate) or the database's error.
 */
export function ingestNotification(n: ParsedNotification, bytes: number, deadlineAt: number): Promise<StoreResult> {
  return committer().submit(n, bytes, deadlineAt);
}

/** The database, if a write can succeed now (PGlite refuses up front on a full disk rather than hang). */
export async function writableDb() {
  const db = await getDb();
  db.assertWritable();
  return db;
}
