import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestActor } from "./actor";
import { recordAuditEvent, updateAuditDetails } from "./record";

export interface ExportAudit {
  format: "csv" | "xlsx" | "txt";
  /** The task exported, or null for the all-tasks export. */
  operationId: string | null;
  /** The parsed filters of the request, as the export applied them. */
  filters: Record<string, unknown>;
}

type BatchReader<A extends unknown[], T> = (...args: A) => Promise<T[]>;

/**
 * Wraps an export's batch reader so that the export is audited: who (operator or API token, and
 * address), which task, which filters, and how many rows. The event is written before the first
 * row leaves (`complete: false`, so an abandoned download is still on record) and updated with the
 * row count when the last batch has been read (one shorter than asked for) or the reader failed.
 * Used by every CSV and XLSX route: `const read = await auditExport(req, await openX(...), {...})`;
 * the reader's numeric argument is taken as the batch size.
 */
export async function auditExport<A extends unknown[], T>(
  req: Request,
  read: BatchReader<A, T>,
  what: ExportAudit,
): Promise<BatchReader<A, T>> {
  const who = await requestActor(req);
  const base = { format: what.format, operationId: what.operationId, filters: jsonFilters(what.filters) };
  const id = await recordAuditEvent({
    kind: "export",
    actor: who.actor,
    clientIp: who.clientIp,
    method: who.method,
    target: what.operationId ?? "all tasks",
    details: { ...base, rows: 0, complete: false },
  });
  let rows = 0;
  let done = false;
  const finish = async (complete: boolean, error?: string) => {
    if (done || id === null) return;
    done = true;
    await updateAuditDetails(id, { ...base, rows, complete, ...(error ? { error } : {}) });
  };
  return async (...args: A) => {
    const limit = args.find((a): a is number => typeof a === "number");
    try {
      const batch = await read(...args);
      rows += batch.length;
      if (limit === undefined || batch.length < limit) await finish(true);
      return batch;
    } catch (err) {
      await finish(false, err instanceof Error ? err.message.split("\n")[0] : String(err));
      throw err;
    }
  };
}

/** Filters as plain JSON (dates as ISO strings, undefined dropped). */
function jsonFilters(filters: Record<string, unknown>): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(filters)) as Prisma.InputJsonObject;
}
