import { describe, expect, it } from "vitest";
import type { FailedDevice, FailedKey } from "@/lib/queries/list-failed-devices";
import { FAILED_CSV_COLUMNS, failedDevicesCsv } from "./failed-devices-csv";
import { parseLikeASpreadsheet } from "@/tests/support/spreadsheet-csv";

// The stream's contract without a database: exact bytes for awkward cells, and batches read one at a
// time, only when the consumer asks (a slow client never makes the server read ahead of it).

const HEADER =
  "deviceId,appId,operationId,subOperationId,sourceVersion,targetVersion,curVersion,errorCode,errorCodeMeaning,description,resultDesc,upgradeTime,receivedAt,attempts,platformStatus,source";

function device(i: number, over: Partial<FailedDevice> = {}): FailedDevice {
  return {
    deviceId: `d${String(i).padStart(5, "0")}`,
    appId: "app",
    operationId: "op",
    subOperationId: null,
    sourceVersion: "V1",
    targetVersion: "V2",
    curVersion: "V1",
    errorCode: "7",
    errorCodeMeaning: "package verification failed (documented meaning (Huawei OTA result code))",
    description: null,
    resultDesc: "failed",
    upgradeTimeRaw: "20261127T080000Z",
    upgradeAt: new Date(Date.UTC(2026, 10, 27, 8)),
    receivedAt: new Date(Date.UTC(2026, 10, 27, 8, 0, 1, 5)),
    attempts: 1,
    platformStatus: null,
    source: null,
    ...over,
  };
}

/** A reader over `total` devices that records every call. */
function fakeReader(total: number) {
  const calls: (FailedKey | null)[] = [];
  const all = Array.from({ length: total }, (_, i) => device(i));
  const read = async (after: FailedKey | null, limit: number) => {
    calls.push(after);
    const from = after ? all.findIndex((d) => d.deviceId === after.deviceId) + 1 : 0;
    return all.slice(from, from + limit);
  };
  return { read, calls };
}

const bytes = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());
// Response.text() would swallow the BOM: decode keeping it.
const text = async (s: ReadableStream<Uint8Array>) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytes(s));

const LEADS = ["=", "+", "-", "@", "\t", "\r"] as const;
const TEXT_FIELDS = [
  "deviceId",
  "appId",
  "operationId",
  "subOperationId",
  "sourceVersion",
  "targetVersion",
  "curVersion",
  "errorCode",
  "description",
  "resultDesc",
  "upgradeTimeRaw",
] as const;

describe("failedDevicesCsv", () => {
  it("writes the exact header, CRLF rows, RFC 4180 quoting and neutralised formulas", async () => {
    const rows = [
      device(1, {
        errorCode: '=HYPERLINK("http://x")',
        description: '-2+3 <script>, "quoted"',
        upgradeAt: null,
        upgradeTimeRaw: "PT5M",
      }),
      device(2, {
        appId: null,
        description: "",
        resultDesc: "line\r\nbreak",
        receivedAt: null,
        curVersion: "@V1",
        attempts: 3,
        platformStatus: "SUCCESS",
        source: "platform",
      }),
    ];
    const out = await text(failedDevicesCsv(async (after) => (after ? [] : rows)));
    expect(out).toBe(
      `\uFEFF${HEADER}\r\n` +
        `d00001,app,op,,V1,V2,V1,"'=HYPERLINK(""http://x"")",package verification failed (documented meaning (Huawei OTA result code)),"'-2+3 <script>, ""quoted""",failed,PT5M,2026-11-27T08:00:01.005Z,1,,\r\n` +
        `d00002,,op,,V1,V2,'@V1,7,package verification failed (documented meaning (Huawei OTA result code)),,"line\r\nbreak",2026-11-27T08:00:00.000Z,,3,SUCCESS,platform\r\n`,
    );
  });

  it("writes only the header when nothing failed", async () => {
    expect(await text(failedDevicesCsv(async () => []))).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it("starts with the UTF-8 byte-order mark, once, and keeps Chinese text as UTF-8", async () => {
    const rows = [device(1, { description: "设备存储空间不足" }), device(2)];
    const out = await bytes(failedDevicesCsv(async (after, limit) => (after ? [] : rows.slice(0, limit))));
    expect([...out.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = new TextDecoder("utf-8", { ignoreBOM: true }).decode(out);
    expect(decoded.split("\uFEFF")).toHaveLength(2);
    expect(decoded).toContain(",设备存储空间不足,");
  });

  // Every formula lead, at the start of every text cell and right after a lone LF, a lone CR and a CRLF
  // inside it: the cell stays one quoted cell of its row, the row keeps its 13 cells, and no cell a
  // spreadsheet would read starts with a formula lead.
  it.each(TEXT_FIELDS)("keeps %s one cell whatever it holds: formula leads, lone LF, lone CR", async (field) => {
    const values = LEADS.flatMap((lead) => [
      `${lead}cmd|' /C calc'!A0`,
      `ok\n${lead}cmd|' /C calc'!A0`,
      `ok\r${lead}cmd|' /C calc'!A0`,
      `ok\r\n${lead}cmd|' /C calc'!A0`,
      `${lead}`,
    ]);
    const rows = values.map((v, i) =>
      device(i, field === "upgradeTimeRaw" ? { upgradeAt: null, upgradeTimeRaw: v } : { [field]: v }),
    );
    const csv = await text(failedDevicesCsv(async (after) => (after ? [] : rows)));
    const parsed = parseLikeASpreadsheet(csv.slice(1));
    expect(parsed).toHaveLength(1 + values.length);
    const col = FAILED_CSV_COLUMNS.indexOf(field === "upgradeTimeRaw" ? "upgradeTime" : field);
    parsed.slice(1).forEach((row, i) => {
      expect(row).toHaveLength(FAILED_CSV_COLUMNS.length);
      const v = values[i]!;
      // The guard prefixes ' to a formula-leading cell; nothing else changes.
      expect(row[col]).toBe(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });
    // Every cell holding CR or LF is quoted.
    for (const v of values.filter((x) => /[\r\n]/.test(x))) {
      const guarded = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
      expect(csv).toContain(`"${guarded.replaceAll('"', '""')}"`);
    }
  });

  it("reads keyset batches one at a time, only as the consumer pulls", async () => {
    const { read, calls } = fakeReader(2_500);
    const reader = failedDevicesCsv(read).getReader();
    const decoder = new TextDecoder();
    let csv = "";
    for (let chunk = 0; ; chunk++) {
      const { value, done } = await reader.read();
      if (done) break;
      csv += decoder.decode(value, { stream: true });
      // At most one batch beyond the ones handed out: the queue's high-water mark, never the whole export.
      expect(calls.length).toBeLessThanOrEqual(chunk + 2);
    }
    const lines = csv.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(1, -1)).toHaveLength(2_500);
    expect(calls).toEqual([null, { operationId: "op", deviceId: "d00999" }, { operationId: "op", deviceId: "d01999" }]);
  });
});
