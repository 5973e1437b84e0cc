import { envNumber } from "@/lib/db/errors";
import type { QueueLimits } from "./bounded-queue";

/**
 * How much may wait for the database at once. Each waiting push costs ~13 KB of process memory
 * (measured: request, parsed push, promise), so the defaults hold an outage at ~50 MB instead of
 * growing by 1 GB a minute; past them a push is answered 503 at once and the platform retries it.
 */
export function ingestQueueLimits(): QueueLimits {
  return {
    maxCount: envNumber("INGEST_MAX_WAITING", 4_000),
    maxBytes: envNumber("INGEST_MAX_WAITING_MB", 16) * 1024 * 1024,
  };
}
