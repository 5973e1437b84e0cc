import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { FailedDevice, FailedKey } from "@/lib/queries/list-failed-devices";
import { inlineText, rawCells } from "@/tests/support/xlsx";
import { TRUNCATED_MARK, XLSX_MAX_CELL_CHARS } from "./cell-text";
import { FAILED_SHEET, FAILED_XLSX_HEADERS, failedDevicesXlsx } from "./failed-devices-xlsx";

// The workbook read back two ways: exceljs's reader for structure, and the raw sheet XML (unzipped by
// fflate, parsed here) for what Excel itself will see: cell types, no formulas, exact text.

const AT = new Date(Date.UTC(2026, 10, 27, 8, 0, 0));
const RECEIVED = new Date(Date.UTC(2026, 10, 27, 8, 0, 1, 5));

function device(i: number, over: Partial<FailedDevice> = {}): FailedDevice {
  return {
    deviceId: `d${String(i).padStart(6, "0")}`,
    appId: "app",
    operationId: "op",
    subOperationId: null,
    sourceVersion: "V1",
    targetVersion: "V2",
    curVersion: "V1",
    errorCode: "7",
    errorCodeMeaning: null,
    description: null,
    resultDesc: "failed",
    upgradeTimeRaw: "20261127T080000Z",
    upgradeAt: AT,
    receivedAt: RECEIVED,
    attempts: 1,
    platformStatus: null,
    source: null,
    ...over,
  };
}

const reader =
  (all: FailedDevice[], calls: (FailedKey | null)[] = []) =>
  async (after: FailedKey | null, limit: number) => {
    calls.push(after);
    const from = after ? all.findIndex((d) => d.deviceId === after.deviceId) + 1 : 0;
    return all.slice(from, from + limit);
  };

const about = {
  operationId: "op",
  filters: { errorCode: "0012", outcome: undefined },
  selection: "the failed ones",
  exportedAt: AT,
  exportedBy: "alice",
};

async function build(rows: FailedDevice[]) {
  return Buffer.from(await new Response(failedDevicesXlsx(reader(rows), about)).arrayBuffer());
}

const HOSTILE: Record<string, string> = {
  imei: "868533041234567",
  iccid: "89860012345678901234",
  twenty: "12345678901234567890",
  code: "0012",
  version: "1.10",
  chinese: "设备存储空间不足，升级失败",
  formula: '=HYPERLINK("http://x","click")',
  plus: "+1+1",
  minus: "-2+3",
  at: "@SUM(A1)",
  tab: "\t=1",
  cr: "\r=1",
  afterLf: "ok\n=cmd|' /C calc'!A0",
  afterCr: "ok\r=cmd|' /C calc'!A0",
  control: "a\u0001b\u001fc\u007f",
  literalEscape: "_x0041_ stays _x0041_",
  spaces: "  padded  ",
};

describe("failedDevicesXlsx", () => {
  it("keeps identifiers, versions, codes and text exactly, as text cells, and never writes a formula", async () => {
    const values = Object.values(HOSTILE);
    const rows = values.map((v, i) =>
      device(i, {
        deviceId: `${String(i).padStart(2, "0")}|${v}`,
        errorCode: v,
        errorCodeMeaning: v,
        sourceVersion: v,
        description: v,
        resultDesc: v,
        subOperationId: v,
        appId: i === 0 ? null : v,
      }),
    );
    const buf = await build(rows);
    const files = unzipSync(buf);
    const sheetXml = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    for (const [name, data] of Object.entries(files))
      if (name.endsWith(".xml")) expect(strFromU8(data), name).not.toMatch(/<f[\s>]/);
    const cells = rawCells(sheetXml);
    const textCols = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"];
    rows.forEach((d, i) => {
      const r = i + 2;
      const at = (col: string) => cells.find((c) => c.ref === `${col}${r}`);
      const expected = [
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
      ];
      textCols.forEach((col, j) => {
        const c = at(col);
        if (expected[j] === null) return expect(c?.xml ?? "").toBe("");
        // A string cell: shared (t="s") or inline (t="inlineStr"); never a number, never t="str" (a formula's result).
        expect(c!.type, `${col}${r}`).toBe("inlineStr");
        expect(inlineText(c!), `${col}${r}`).toBe(expected[j]);
      });
      expect(at("L")!.type).toBeNull(); // a number: the date serial
      expect(at("N")!.xml).toBe("<v>1</v>");
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(FAILED_SHEET)!;
    const textOf = (v: ExcelJS.CellValue) =>
      v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : v;
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(textOf)).toEqual(FAILED_XLSX_HEADERS);
    rows.forEach((d, i) => {
      const got = (ws.getRow(i + 2).values as ExcelJS.CellValue[]).slice(1).map(textOf);
      expect(got.slice(0, 11)).toEqual([
        d.deviceId,
        d.appId ?? undefined,
        d.operationId,
        d.subOperationId,
        d.sourceVersion,
        d.targetVersion,
        d.curVersion,
        d.errorCode,
        d.errorCodeMeaning,
        d.description,
        d.resultDesc,
      ]);
      expect(ws.getCell(i + 2, 1).type).toBe(ExcelJS.ValueType.RichText);
    });
    for (const v of [HOSTILE.imei, HOSTILE.iccid, HOSTILE.twenty, HOSTILE.code, HOSTILE.version, HOSTILE.chinese]) {
      expect(
        rows.some((_, i) => textOf(ws.getCell(i + 2, 8).value) === v),
        v,
      ).toBe(true);
    }
  });

  it("writes times as UTC date cells, a frozen and filtered header, widths, and the About sheet", async () => {
    const rows = [
      device(1),
      device(2, {
        upgradeAt: null,
        upgradeTimeRaw: "PT5M",
        receivedAt: null,
        attempts: 3,
        platformStatus: "FAIL",
        source: "declared",
      }),
    ];
    const buf = await build(rows);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(FAILED_SHEET)!;
    expect(FAILED_XLSX_HEADERS.slice(11, 13)).toEqual(["upgradeTime (UTC)", "receivedAt (UTC)"]);
    expect(ws.getCell("L2").value).toEqual(AT);
    expect(ws.getCell("M2").value).toEqual(RECEIVED);
    expect(ws.getCell("L2").numFmt).toBe("yyyy-mm-dd hh:mm:ss.000");
    expect(ws.getCell("L3").value).toEqual({ richText: [{ text: "PT5M" }] });
    expect(ws.getCell("M3").value).toBeNull();
    expect(ws.getCell("N3").value).toBe(3);
    expect(ws.getCell("A2").numFmt).toBe("@");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getCell("O2").value).toBeNull();
    expect(ws.getCell("O3").value).toEqual({ richText: [{ text: "FAIL" }] });
    expect(ws.getCell("P3").value).toEqual({ richText: [{ text: "declared" }] });
    expect(ws.autoFilter).toBe("A1:P3");
    expect(ws.columns.map((c) => c.width)).toEqual([38, 30, 34, 34, 14, 14, 14, 11, 40, 40, 30, 24, 24, 10, 14, 10]);
    expect(ws.getRow(1).font).toMatchObject({ bold: true });
    // Excel's serial number for 2026-11-27 08:00:00 UTC: the wall time in UTC, not the server's zone.
    const sheetXml = strFromU8(unzipSync(buf)["xl/worksheets/sheet1.xml"]!);
    expect(rawCells(sheetXml).find((c) => c.ref === "L2")!.xml).toBe(
      `<v>${(AT.getTime() / 86_400_000 + 25_569).toString()}</v>`,
    );

    const aboutSheet = wb.getWorksheet("About")!;
    const pairs = new Map<string, unknown>();
    aboutSheet.eachRow((row) => {
      const [, k, v] = row.values as ExcelJS.CellValue[];
      const t = (x: ExcelJS.CellValue) =>
        x && typeof x === "object" && "richText" in x ? x.richText.map((r) => r.text).join("") : x;
      pairs.set(String(t(k)), t(v));
    });
    expect(pairs.get("Task")).toBe("op");
    expect(pairs.get("Filters")).toBe("errorCode = 0012");
    expect(pairs.get("Devices")).toBe("the failed ones");
    expect(pairs.get("Rows")).toBe(2);
    expect(pairs.get("Exported at (UTC)")).toEqual(AT);
    expect(pairs.get("Exported by")).toBe("alice");
    expect(pairs.get("deviceId")).toBe("The platform's device id.");
  });

  it("cuts a cell over Excel's 32,767 characters visibly, and writes a header-only sheet when nothing failed", async () => {
    const long = "x".repeat(40_000);
    const buf = await build([device(1, { description: long })]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const v = wb.getWorksheet(FAILED_SHEET)!.getCell("J2").value as ExcelJS.CellRichTextValue;
    const got = v.richText.map((t) => t.text).join("");
    expect(got.length).toBeLessThanOrEqual(XLSX_MAX_CELL_CHARS);
    expect(got.endsWith(TRUNCATED_MARK)).toBe(true);

    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load((await build([])) as unknown as ArrayBuffer);
    expect(empty.getWorksheet(FAILED_SHEET)!.rowCount).toBe(1);
  });

  it(
    "reads ahead only as far as the client takes, and stops reading when the client goes away",
    { timeout: 60_000 },
    async () => {
      // Random text compresses badly, so the zip's output (bounded buffers) fills as fast as its input.
      const all = Array.from({ length: 60_000 }, (_, i) => device(i, { description: randomBytes(48).toString("hex") }));
      const calls: (FailedKey | null)[] = [];
      const stream = failedDevicesXlsx(reader(all, calls), about).getReader();
      await stream.read();
      // Wait until reading stops (no new batch for a second) rather than for a fixed time: on a busy
      // machine the pipeline's fixed buffers (zip input, zlib, archiver, response: well under 1 MB) fill slowly.
      let whilePaused = -1;
      for (let waited = 0; calls.length !== whilePaused && waited < 30_000; waited += 1_000) {
        whilePaused = calls.length;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      expect(calls.length).toBe(whilePaused);
      // 60 batches exist: a paused client must hold the writer well before the end.
      expect(whilePaused).toBeLessThan(45);
      await stream.cancel();
      await new Promise((r) => setTimeout(r, 300));
      expect(calls.length).toBeLessThanOrEqual(whilePaused + 1);
    },
  );
});
