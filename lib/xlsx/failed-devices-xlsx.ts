import "server-only";
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { FAILED_COLUMNS } from "@/lib/exports/failed-columns";
import { downloadHeaders, exportFilename } from "@/lib/exports/filename";
import type { FailedBatchReader, FailedDevice, FailedKey } from "@/lib/queries/list-failed-devices";
import { DATE_FORMAT, text, writeAboutSheet, type ExportAbout } from "./about-sheet";

const BATCH_SIZE = 1_000;
const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const FAILED_SHEET = "Failed devices";

/** Header cells: the CSV's names, time columns marked with their zone. */
export const FAILED_XLSX_HEADERS = FAILED_COLUMNS.map((c) => (c.kind === "time" ? `${c.name} (UTC)` : c.name));

const opt = (s: string | null) => (s === null ? null : text(s));

/**
 * One row in FAILED_COLUMNS order. Strings go in as inline rich text, never as numbers or formulas:
 * `0012`, `1.10` and 15–20 digit ids stay exactly as sent, and `=…` stays text. Times are Date cells
 * (exceljs writes the UTC instant's serial number), the raw value when the device sent no time.
 */
function toRow(d: FailedDevice): ExcelJS.CellValue[] {
  return [
    text(d.deviceId),
    opt(d.appId),
    text(d.operationId),
    opt(d.subOperationId),
    opt(d.sourceVersion),
    opt(d.targetVersion),
    opt(d.curVersion),
    opt(d.errorCode),
    opt(d.errorCodeMeaning),
    opt(d.description),
    opt(d.resultDesc),
    d.upgradeAt ?? opt(d.upgradeTimeRaw),
    d.receivedAt,
    d.attempts,
    opt(d.platformStatus),
    opt(d.source),
  ];
}

/**
 * Streams the failed-devices workbook: sheet "Failed devices" (frozen, filtered header row, text
 * columns formatted as text, dates as dates) and sheet "About". Rows are read one keyset batch at a
 * time; the next batch is read only once the zip has compressed what was written, and the zip only
 * compresses as fast as the client takes it, so a slow client never makes the server hold the export.
 */
export function failedDevicesXlsx(read: FailedBatchReader, about: ExportAbout): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  writeWorkbook(out, read, about).catch((err: unknown) => {
    // Headers are gone already: the client sees a cut download, the log says why.
    console.error("[xlsx] failed-devices export aborted:", err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return pullFrom(out);
}

/**
 * A web stream that reads `out` only when the client pulls. (Readable.toWeb queues up to the node
 * stream's highWaterMark counted in chunks, i.e. without a real bound: the whole workbook.)
 */
function pullFrom(out: PassThrough): ReadableStream<Uint8Array> {
  const chunks = out[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value as Buffer));
      } catch (err) {
        controller.error(err);
      }
    },
    cancel() {
      out.destroy();
    },
  });
}

async function writeWorkbook(out: PassThrough, read: FailedBatchReader, about: ExportAbout): Promise<void> {
  // archiver buffers up to 1 MB of compressed output by default; 64 KiB keeps the pipeline short.
  const zip = { highWaterMark: 64 * 1024 } as Partial<ExcelJS.stream.xlsx.ArchiverZipOptions>;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip,
  });
  workbook.creator = "Upgrade Monitor";
  workbook.created = about.exportedAt;
  const sheet = workbook.addWorksheet(FAILED_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = FAILED_COLUMNS.map((c) => ({
    key: c.name,
    width: c.width,
    // Text format, so a value typed into the sheet later stays text too.
    style: c.kind === "text" ? { numFmt: "@" } : c.kind === "time" ? { numFmt: DATE_FORMAT } : {},
  }));
  const header = sheet.addRow(FAILED_XLSX_HEADERS.map(text));
  header.font = { bold: true };
  header.commit();

  let rows = 0;
  let after: FailedKey | null = null;
  for (;;) {
    const batch = await read(after, BATCH_SIZE);
    for (const d of batch) sheet.addRow(toRow(d)).commit();
    rows += batch.length;
    const last = batch[batch.length - 1];
    if (batch.length < BATCH_SIZE || !last) break;
    after = { operationId: last.operationId, deviceId: last.deviceId };
    if (out.destroyed) return; // the client went away: stop reading
    // Let zlib's callbacks and the socket run (a reader answering from memory never yields), then
    // wait for the zip to take what was written.
    await new Promise((resolve) => setImmediate(resolve));
    await zipInputDrained(sheet, out);
    await clientCaughtUp(out);
    if (out.destroyed) return;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: FAILED_COLUMNS.length } };
  sheet.commit();
  writeAboutSheet(workbook, about, rows);
  await workbook.commit();
}

/**
 * The zip's internal buffers between its input and `out` still take whole batches while the client
 * reads nothing (seen: a paused client, every batch read and ~0.8 KB per row held). So the next batch
 * is read only once the client has taken what is waiting in `out`: read-ahead stays at about one batch.
 * Polled, because a readable's consumption emits no event the writer could wait on without consuming.
 */
async function clientCaughtUp(out: PassThrough): Promise<void> {
  while (!out.destroyed && out.readableLength >= out.readableHighWaterMark) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * exceljs writes a sheet's XML into the zip's input without honouring backpressure, so waiting on the
 * response stream alone lets rows pile up uncompressed in front of zlib (seen: a paused client, all
 * 60 batches read). The sheet's stream pipes into one PassThrough (archiver wraps it on append):
 * its buffer is what has not been compressed yet. Wait until it drains (the client or zlib caught
 * up), or until the client is gone.
 */
async function zipInputDrained(sheet: ExcelJS.Worksheet, out: PassThrough): Promise<void> {
  const zipInput = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0];
  if (!zipInput) throw new Error("exceljs internals changed: the sheet stream has no zip input (see zipInputDrained)");
  if (!zipInput.writableNeedDrain) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      zipInput.off("drain", done);
      out.off("close", done);
      resolve();
    };
    zipInput.on("drain", done);
    out.on("close", done);
  });
}

/** `failed-devices-<operationId or "all">-<YYYY-MM-DD>.xlsx`. */
export function failedXlsxFilename(scope: string, now = new Date()): string {
  return exportFilename("failed-devices", scope, "xlsx", now);
}

export function xlsxResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, { headers: downloadHeaders(XLSX_CONTENT_TYPE, filename) });
}
