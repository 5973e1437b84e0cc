import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { post, swResult, swState } from "../fixtures/pushes";
import { cellText, loadWorkbook, rawCells, rawRows, unzipXml } from "../support/xlsx";
import { parseLikeASpreadsheet } from "../support/spreadsheet-csv";

// The failed-devices exports and the retry list over real HTTP, on both database kinds: the values
// Excel used to mangle, every formula lead (at the start and after a lone LF or CR), Chinese text.

const HEADER =
  "deviceId,appId,operationId,subOperationId,sourceVersion,targetVersion,curVersion,errorCode,errorCodeMeaning,description,resultDesc,upgradeTime,receivedAt,attempts,platformStatus,source";
const LEADS = ["=", "+", "-", "@", "\t", "\r"];
const today = () => new Date().toISOString().slice(0, 10);

const guard = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

describe.each([
  ["postgresql", () => inject("pgServerUrl")],
  ["pglite", () => inject("pgliteServerUrl")],
])("exports on %s", (_kind, base) => {
  const op = `exp-${randomUUID().slice(0, 8)}`;
  const p = `${op}-`;
  // Latest result FAIL and resting: in every export and in the retry list.
  const failed = [
    {
      deviceId: "868533041234567",
      errorCode: "0012",
      sourceVersion: "1.10",
      description: "设备存储空间不足",
      resultDesc: "12345678901234567890",
    },
    ...LEADS.flatMap((lead, i) => [
      { deviceId: `${p}lead${i}-start`, description: `${lead}cmd|' /C calc'!A0`, errorCode: `${lead}1` },
      { deviceId: `${p}lead${i}-lf`, description: `ok\n${lead}cmd|' /C calc'!A0`, resultDesc: `x\n${lead}2` },
      { deviceId: `${p}lead${i}-cr`, description: `ok\r${lead}cmd|' /C calc'!A0`, resultDesc: `x\r${lead}2` },
    ]),
    { deviceId: `${p}id\n=forged`, description: "an id with a line break" },
  ];
  const restarted = `${p}restarted`;
  const succeeded = `${p}ok`;

  const send = async (body: Record<string, unknown>) => expect((await post(base(), body)).status).toBe(200);
  const get = async (path: string) => {
    const res = await fetch(`${base()}${path}`);
    expect(res.status, path).toBe(200);
    return res;
  };
  const ready = (async () => {
    for (const f of failed) await send(swResult({ operationId: op, ...f }));
    await send(swResult({ operationId: op, deviceId: restarted }));
    await send(swState({ operationId: op, deviceId: restarted, subOperationId: undefined, appId: undefined }));
    await send(swResult({ operationId: op, deviceId: succeeded, swUpgradeResult: "SUCCESS", errorCode: undefined }));
  })();
  const sorted = (ids: string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const latestFail = () => sorted([...failed.map((f) => f.deviceId), restarted]);

  it("CSV: BOM, one row per failed device, every injection one quoted cell, safe filename", async () => {
    await ready;
    const res = await get(`/api/tasks/${op}/failed.csv`);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="failed-devices-${op}-${today()}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith(`${HEADER}\r\n`)).toBe(true);
    const rows = parseLikeASpreadsheet(csv);
    expect(rows).toHaveLength(1 + latestFail().length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(latestFail().map(guard));
    for (const row of rows) {
      expect(row).toHaveLength(16);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    for (const f of failed) {
      const row = rows.find((r) => r[0] === f.deviceId)!;
      expect(row[9]).toBe(guard(f.description));
      if (f.errorCode) expect(row[7]).toBe(guard(f.errorCode));
      if (f.resultDesc) expect(row[10]).toBe(guard(f.resultDesc));
      if (/[\r\n]/.test(f.description)) expect(csv).toContain(`,"${guard(f.description).replaceAll('"', '""')}",`);
    }
    const imei = rows.find((r) => r[0] === "868533041234567")!;
    expect([imei[4], imei[7], imei[9], imei[10]]).toEqual(["1.10", "0012", "设备存储空间不足", "12345678901234567890"]);
  });

  it("XLSX: the same rows, text cells for ids, versions and codes, dates in UTC, no formula, About sheet", async () => {
    await ready;
    const res = await get(`/api/tasks/${op}/failed.xlsx`);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="failed-devices-${op}-${today()}.xlsx"`);
    const buf = new Uint8Array(await res.arrayBuffer());
    const xml = unzipXml(buf);
    for (const [name, text] of Object.entries(xml))
      if (name.endsWith(".xml")) expect(text, name).not.toMatch(/<f[\s>]/);
    const sheet = xml["xl/worksheets/sheet1.xml"]!;
    const rows = rawRows(sheet);
    expect(rows.slice(1).map((r) => r[0])).toEqual(latestFail());
    for (const c of rawCells(sheet).filter((c) => c.row > 1 && c.col <= "K" && c.xml))
      expect(c.type, c.ref).toBe("inlineStr");
    for (const f of failed) {
      const row = rows.find((r) => r[0] === f.deviceId)!;
      expect(row[9]).toBe(f.description);
      if (f.errorCode) expect(row[7]).toBe(f.errorCode);
      if (f.resultDesc) expect(row[10]).toBe(f.resultDesc);
    }
    const imei = rows.find((r) => r[0] === "868533041234567")!;
    expect([imei[4], imei[7], imei[9], imei[10]]).toEqual(["1.10", "0012", "设备存储空间不足", "12345678901234567890"]);

    const wb = await loadWorkbook(buf);
    const ws = wb.getWorksheet("Failed devices")!;
    const imeiRow = rows.findIndex((r) => r[0] === "868533041234567") + 1;
    expect(ws.getCell(imeiRow, 12).value).toEqual(new Date("2024-01-15T08:30:12.000Z"));
    expect(ws.getCell(imeiRow, 13).value).toBeInstanceOf(Date);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:P${1 + latestFail().length}`);
    const about = new Map<string, unknown>();
    wb.getWorksheet("About")!.eachRow((row) =>
      about.set(String(cellText(row.getCell(1).value)), cellText(row.getCell(2).value)),
    );
    expect(about.get("Task")).toBe(op);
    expect(about.get("Rows")).toBe(latestFail().length);
    expect(about.get("Exported by")).toBe("anonymous (open mode: sign-in is not configured)");
    expect(about.get("Exported at (UTC)")).toBeInstanceOf(Date);
  });

  it("XLSX honours the filters of its CSV, on a task and across tasks", async () => {
    await ready;
    const code = "0012";
    const xlsx = rawRows(
      unzipXml(new Uint8Array(await (await get(`/api/tasks/${op}/failed.xlsx?errorCode=${code}`)).arrayBuffer()))[
        "xl/worksheets/sheet1.xml"
      ]!,
    );
    const csv = parseLikeASpreadsheet(
      (await (await get(`/api/tasks/${op}/failed.csv?errorCode=${code}`)).text()).replace(/^\uFEFF/, ""),
    );
    expect(xlsx.slice(1).map((r) => r[0])).toEqual(["868533041234567"]);
    expect(csv.slice(1).map((r) => r[0])).toEqual(["868533041234567"]);
    const all = await get(`/api/failed.xlsx?operationId=${op}`);
    expect(all.headers.get("content-disposition")).toBe(`attachment; filename="failed-devices-all-${today()}.xlsx"`);
    const wb = await loadWorkbook(new Uint8Array(await all.arrayBuffer()));
    expect(wb.getWorksheet("Failed devices")!.rowCount).toBe(1 + latestFail().length);
    const about = new Map<string, unknown>();
    wb.getWorksheet("About")!.eachRow((row) =>
      about.set(String(cellText(row.getCell(1).value)), cellText(row.getCell(2).value)),
    );
    expect(about.get("Filters")).toBe(`operationId = ${op}`);
    expect(about.get("Task")).toBe("every task matching the filters");
  });

  it("retry.txt: latest outcome failed only, one id per line, an id with a line break kept visible", async () => {
    await ready;
    const res = await get(`/api/tasks/${op}/retry.txt`);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="retry-devices-${op}-${today()}.txt"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes[0]).not.toBe(0xef); // no BOM: it would become part of the first pasted id
    const text = new TextDecoder().decode(bytes);
    const ids = sorted(failed.map((f) => f.deviceId));
    expect(text).toBe(ids.map((id) => (id.includes("\n") ? JSON.stringify(id) : id) + "\n").join(""));
    expect(text).not.toContain(restarted);
    expect(text).not.toContain(succeeded);
    expect(await (await get(`/api/tasks/${op}/retry.txt?errorCode=0012`)).text()).toBe("868533041234567\n");
    expect(await (await get(`/api/tasks/${op}/retry.txt?outcome=succeeded`)).text()).toBe("");
  });

  it.each(["failed.xlsx", "retry.txt"])("%s: unknown task 404, bad filter 400, in the error envelope", async (file) => {
    const missing = await fetch(`${base()}/api/tasks/${op}-nope/${file}`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    const bad = await fetch(`${base()}/api/tasks/${op}/${file}?outcome=nope`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "invalid_query", details: [{ field: "outcome" }] });
    if (file === "failed.xlsx") expect((await fetch(`${base()}/api/failed.xlsx?from=never`)).status).toBe(400);
  });
});
