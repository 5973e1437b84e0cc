import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { deviceWhere } from "@/lib/queries/device-where";
import type { DeviceFilters } from "@/lib/schemas/devices";
import { downloadHeaders, exportFilename } from "./filename";

// GET /api/tasks/{operationId}/retry.txt: the deviceIds an operator pastes into the platform's
// "create task" form to retry the devices that did not make it.

const BATCH_SIZE = 5_000;

/**
 * THE definition of the retry set (RETRY_SELECTION in ./selections.ts says it in words, for the UI):
 * devices whose latest outcome is failed. Once the completeness work exists, devices that never
 * reported or went stale join here, and only here.
 */
export function retryCandidates(): Prisma.Sql {
  return Prisma.sql`d.outcome = 'failed'`;
}

export type RetryBatchReader = (after: string | null, limit: number) => Promise<string[]>;

/** A reader of the task's retry set (with the device-list filters on top), in deviceId order. */
export async function openRetryDevices(operationId: string, filters: DeviceFilters): Promise<RetryBatchReader> {
  const { prisma } = await getDb();
  const task = await prisma.task.findUnique({ where: { operationId }, select: { operationId: true } });
  if (!task)
    throw new AppError("not_found", `No task with operationId ${JSON.stringify(operationId)} has been received.`);
  const where = deviceWhere(operationId, filters);
  return async (after, limit) => {
    const rows = await prisma.$queryRaw<{ deviceId: string }[]>`
      SELECT d.device_id AS "deviceId" FROM device_states d
      WHERE ${where} AND ${retryCandidates()} ${after === null ? Prisma.empty : Prisma.sql`AND d.device_id > ${after}`}
      ORDER BY d.device_id
      LIMIT ${limit}`;
    return rows.map((r) => r.deviceId);
  };
}

// A line break inside an id would split it into two "devices"; other control characters and
// edge spaces would not survive a paste; invisible format characters (bidi overrides, zero-width
// space) would paste unseen; and a raw id starting with `"` would read as the JSON form of another.
// Such ids (the platform issues none) are written as JSON strings, visibly not a plain id, instead
// of being dropped; U+2028/2029 and format characters escaped too, as JSON.stringify leaves them raw.
const NOT_PASTEABLE = /[\u0000-\u001F\u007F\u2028\u2029\p{Cf}]|^\s|\s$|^"/u;
const RAW_IN_JSON = /[\u2028\u2029\p{Cf}]/gu;

export function retryLine(deviceId: string): string {
  if (!NOT_PASTEABLE.test(deviceId)) return `${deviceId}\n`;
  const escape = (c: string) =>
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");
  const json = JSON.stringify(deviceId).replace(RAW_IN_JSON, escape);
  return `${json}\n`;
}

/** One deviceId per line (LF), UTF-8 without a BOM (it would become part of the first id when pasted). */
export function retryListText(read: RetryBatchReader): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const ids = await read(after, BATCH_SIZE);
        if (ids.length) controller.enqueue(encoder.encode(ids.map(retryLine).join("")));
        if (ids.length < BATCH_SIZE) controller.close();
        else after = ids[ids.length - 1]!;
      } catch (err) {
        console.error("[retry.txt] export aborted:", err);
        controller.error(err);
      }
    },
  });
}

export function retryFilename(operationId: string, now = new Date()): string {
  return exportFilename("retry-devices", operationId, "txt", now);
}

export function textResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, { headers: downloadHeaders("text/plain; charset=utf-8", filename) });
}
