import "server-only";
import { stringify } from "csv-stringify/sync";
import { FAILED_COLUMN_NAMES } from "@/lib/exports/failed-columns";
import { downloadHeaders, exportFilename } from "@/lib/exports/filename";
import type { FailedBatchReader, FailedDevice } from "@/lib/queries/list-failed-devices";

export const FAILED_CSV_COLUMNS = FAILED_COLUMN_NAMES;

const BATCH_SIZE = 1_000;

/** EF BB BF: without it a zh-CN or ja-JP Windows Excel decodes the file in its local code page. */
const UTF8_BOM = "\uFEFF";

/**
 * Options for every batch. csv-stringify quotes a cell holding the whole record delimiter (CRLF) but
 * not a lone CR or LF, which spreadsheets still read as a row break: a pushed description could
 * forge a row. `quoted_match` quotes any cell holding either. `escape_formulas` prefixes ' to any cell
 * starting with = + - @ tab CR (and their full-width forms), whatever the column.
 */
const CSV_OPTIONS = {
  columns: [...FAILED_CSV_COLUMNS],
  record_delimiter: "windows",
  escape_formulas: true,
  quoted_match: /[\r\n]/,
} as const;

/**
 * One row's cells in FAILED_CSV_COLUMNS order. Arrays, not objects: with object records csv-stringify
 * resolves every cell through its lodash-style `get(record, path)`, ~20 % of its per-row cost.
 */
function toCells(d: FailedDevice): (string | number | null)[] {
  return [
    d.deviceId,
    d.appId,
    d.operationId,
    d.subOperationId,
    d.sourceVersion,
    d.targetVersion,
    d.curVersion,
    d.errorCode,
    d.errorCodeMeaning,
    d.description,
    d.resultDesc,
    // A parsed upgrade time in ISO-8601 UTC; a duration or unknown format exactly as the device sent it.
    d.upgradeAt ? d.upgradeAt.toISOString() : d.upgradeTimeRaw,
    d.receivedAt ? d.receivedAt.toISOString() : null,
    d.attempts,
    d.platformStatus,
    d.source,
  ];
}

/**
 * Streams the failed-devices CSV: a UTF-8 BOM, then RFC 4180 (CRLF, quoting by csv-stringify), one
 * keyset batch per pull() so a slow client holds one batch at most.
 */
export function failedDevicesCsv(read: FailedBatchReader): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { operationId: string; deviceId: string } | null = null;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const rows = await read(after, BATCH_SIZE);
        const text = stringify(rows.map(toCells), { ...CSV_OPTIONS, header: first });
        if (text) controller.enqueue(encoder.encode(first ? UTF8_BOM + text : text));
        first = false;
        const last = rows[rows.length - 1];
        if (rows.length < BATCH_SIZE || !last) controller.close();
        else after = { operationId: last.operationId, deviceId: last.deviceId };
      } catch (err) {
        // Headers are gone already: the client sees a cut download, the log says why.
        console.error("[csv] failed-devices export aborted:", err);
        controller.error(err);
      }
    },
  });
}

/** `failed-devices-<operationId or "all">-<YYYY-MM-DD>.csv`, reduced to characters safe in any header. */
export function failedCsvFilename(scope: string, now = new Date()): string {
  return exportFilename("failed-devices", scope, "csv", now);
}

export function csvResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, { headers: downloadHeaders("text/csv; charset=utf-8", filename) });
}
