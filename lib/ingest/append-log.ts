import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ParsedNotification } from "@/lib/notifications/types";

export type StoreResult = { status: "stored" | "duplicate"; id: bigint };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Appends a batch of notifications to the log: each new one exactly once (content_hash is unique;
 * exact repeats, even within the batch, answer "duplicate" with the first id), each with its
 * projection_pending row, in ONE statement — atomic on its own, so no BEGIN/COMMIT round trips. This
 * is all a 200 waits for (README, "What a 200 means"); the views are folded later by the projector.
 * Returns one result per input, in input order. Throws what the database throws (the receiver maps
 * connection errors to 503).
 */
export async function appendToLog(prisma: PrismaClient, items: ParsedNotification[]): Promise<StoreResult[]> {
  // Sorted by hash: concurrent batches take the unique index's locks in the same order (no deadlocks).
  const unique = [...new Map(items.map((n) => [n.contentHash, n])).values()].sort((a, b) =>
    byText(a.contentHash, b.contentHash),
  );
  const col = <K extends keyof ParsedNotification>(k: K) => unique.map((n) => n[k]);
  // One array parameter per column: the statement text is the same for every batch size.
  const inserted = await prisma.$queryRaw<{ id: bigint; contentHash: string }[]>`
    WITH i AS (
      SELECT * FROM unnest(${col("notifyType")}::text[], ${col("kind")}::text[], ${col("event")}::text[], ${col("deviceId")}::text[],
        ${col("appId")}::text[], ${col("operationId")}::text[], ${col("subOperationId")}::text[], ${col("result")}::text[],
        ${col("state")}::text[], ${col("step")}::text[], ${col("sourceVersion")}::text[], ${col("targetVersion")}::text[],
        ${col("curVersion")}::text[], ${col("errorCode")}::text[], ${col("description")}::text[], ${col("resultDesc")}::text[],
        ${col("upgradeTimeRaw")}::text[], ${unique.map((n) => n.upgradeAt?.toISOString() ?? null)}::timestamptz[],
        ${unique.map((n) => JSON.stringify(n.warnings))}::jsonb[], ${col("rawBody")}::text[], ${col("contentHash")}::text[],
        ${unique.map((n) => n.source ?? "push")}::text[])
        AS i(notify_type, kind, event, device_id, app_id, operation_id, sub_operation_id, result, state, step, source_version,
          target_version, cur_version, error_code, description, result_desc, upgrade_time_raw, upgrade_at, warnings, raw_body,
          content_hash, source)
    ), n AS (
      INSERT INTO notifications (notify_type, kind, event, device_id, app_id, operation_id, sub_operation_id, result, state, step,
        source_version, target_version, cur_version, error_code, description, result_desc, upgrade_time_raw, upgrade_at, warnings,
        raw_body, content_hash, source)
      SELECT * FROM i
      ON CONFLICT (content_hash) DO NOTHING
      RETURNING id, content_hash, received_at
    ), p AS (
      INSERT INTO projection_pending (notification_id, received_at) SELECT id, received_at FROM n
    )
    SELECT id, content_hash AS "contentHash" FROM n`;

  const ids = new Map<string, StoreResult>();
  for (const row of inserted) ids.set(row.contentHash, { status: "stored", id: BigInt(row.id) });
  const known = unique.filter((n) => !ids.has(n.contentHash)).map((n) => n.contentHash);
  if (known.length > 0) {
    const rows = await prisma.$queryRaw<{ id: bigint; contentHash: string }[]>`
      SELECT id, content_hash AS "contentHash" FROM notifications WHERE content_hash = ANY(${known}::text[])`;
    for (const row of rows) ids.set(row.contentHash, { status: "duplicate", id: BigInt(row.id) });
  }
  const seen = new Set<string>();
  return items.map((n) => {
    const r = ids.get(n.contentHash);
    if (!r) throw new Error("stored notification not found after insert");
    // The second copy of a notification inside one batch is a duplicate of the first.
    const result: StoreResult = seen.has(n.contentHash) ? { status: "duplicate", id: r.id } : r;
    seen.add(n.contentHash);
    return result;
  });
}
