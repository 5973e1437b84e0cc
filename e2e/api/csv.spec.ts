import { expect, test, type APIRequestContext } from "@playwright/test";
import { firmwareCampaign, softwareCampaign, uniqueId } from "../support/campaign";
import { documentedMeaning, meaningCell } from "../../lib/error-codes/documented";
import { CSV_HEADER, parseCsv, send, waitForProjection } from "../support/http";
import { computeTruth, failedLatest, type DeviceTruth } from "../support/truth";

// The failed-devices CSV: headers, exact header row, one row per device whose latest result is FAIL,
// RFC 4180 quoting, formula neutralisation, filters honoured.

const prefix = uniqueId("csv");
const sw = `${prefix}-sw`;
const fw = `${prefix}-fw`;
const sends = [...softwareCampaign(sw, { devices: 16, devicePrefix: `${prefix}-d` }), ...firmwareCampaign(fw)];
const truth = computeTruth(sends);
const today = new Date().toISOString().slice(0, 10);

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

/** What a cell must hold: the value with a leading =, +, -, @, tab or CR prefixed by a quote. */
const cell = (v: unknown) => {
  const s = v === undefined || v === null ? "" : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

function expectedRow(d: DeviceTruth, operationId: string): string[] {
  const b = d.latest!.body;
  const kind = b.notifyType === "fwUpgradeResultNotify" ? "firmware" : "software";
  const code = (b.errorCode ?? (kind === "firmware" ? b.statusDesc : null)) as string | null | undefined;
  return [
    d.deviceId,
    b.appId,
    operationId,
    d.subOperationId,
    b.sourceVersion,
    b.targetVersion,
    b.curVersion,
    b.errorCode,
    meaningCell(code == null ? null : documentedMeaning(kind, code)),
    b.description === "" ? null : b.description,
    b.resultDesc ?? b.statusDesc,
    new Date(d.latest!.at).toISOString(),
  ].map(cell);
}

async function fetchCsv(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  return { res, text: await res.text() };
}

test("task CSV: headers, header row and one row per latest-FAIL device", async ({ request }) => {
  const { res, text } = await fetchCsv(request, `/api/tasks/${sw}/failed.csv`);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="failed-devices-${sw}-${today}.csv"`);
  // A UTF-8 BOM first, so Excel in any locale reads UTF-8 (Playwright's text() keeps it).
  expect(text.startsWith(`\uFEFF${CSV_HEADER}\r\n`)).toBe(true);
  expect([...(await res.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(text);
  expect(rows[0]!.join(",")).toBe(CSV_HEADER);
  const expected = failedLatest(truth.get(sw)!);
  // Includes devices that failed and then started again (latest result FAIL, outcome in progress).
  expect(expected.some((d) => d.outcome === "in_progress")).toBe(true);
  expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((d) => d.deviceId));
  rows.slice(1).forEach((r, i) => {
    const d = expected[i]!;
    expect(r.slice(0, 12), d.deviceId).toEqual(expectedRow(d, sw));
    expect(Date.parse(r[12]!)).not.toBeNaN();
    expect(r[12]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(r[13]).toBe(String(d.attempts.length));
  });
});

test("formula-leading cells are neutralised and quoting survives commas and quotes", async ({ request }) => {
  const { text } = await fetchCsv(request, `/api/tasks/${sw}/failed.csv`);
  const hostile = parseCsv(text).find((r) => r[7]?.includes("HYPERLINK"))!;
  expect(hostile[7]).toBe(`'=HYPERLINK("http://x")`);
  expect(hostile[9]).toBe(`'-2+3 <script>alert(1)</script>, "quoted"`);
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
});

test("task CSV honours the device-list filters", async ({ request }) => {
  const t = truth.get(sw)!;
  const byCode = failedLatest(t).filter((d) => d.outcome === "failed" && d.code === "5");
  const code5 = parseCsv((await fetchCsv(request, `/api/tasks/${sw}/failed.csv?errorCode=5`)).text);
  expect(code5.slice(1).map((r) => r[0])).toEqual(byCode.map((d) => d.deviceId));
  const v15 = failedLatest(t).filter((d) => d.latest!.body.sourceVersion === "V1.5");
  const bySource = parseCsv(
    (await fetchCsv(request, `/api/tasks/${sw}/failed.csv?sourceVersion=V1.5&targetVersion=V2.0&limit=1`)).text,
  );
  expect(bySource.slice(1).map((r) => r[0])).toEqual(v15.map((d) => d.deviceId));
  const none = parseCsv((await fetchCsv(request, `/api/tasks/${sw}/failed.csv?outcome=succeeded`)).text);
  expect(none).toEqual([CSV_HEADER.split(",")]);
  const bad = await request.get(`/api/tasks/${sw}/failed.csv?outcome=nope`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_query");
});

test("all-tasks CSV: failed devices of every matching task, by operationId then deviceId", async ({ request }) => {
  const { res, text } = await fetchCsv(request, `/api/failed.csv?operationId=${prefix}`);
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="failed-devices-all-${today}.csv"`);
  const rows = parseCsv(text);
  expect(rows[0]!.join(",")).toBe(CSV_HEADER);
  const expected = [fw, sw].sort().flatMap((op) => failedLatest(truth.get(op)!).map((d) => [op, d] as const));
  expect(rows.slice(1).map((r) => [r[2], r[0]])).toEqual(expected.map(([op, d]) => [op, d.deviceId]));
  for (const [i, [op, d]] of expected.entries()) expect(rows[i + 1]!.slice(0, 12)).toEqual(expectedRow(d, op));
  // Firmware rows carry statusDesc as resultDesc and no errorCode.
  const fwRow = rows.find((r) => r[2] === fw)!;
  expect(fwRow[7]).toBe("");
  const filtered = parseCsv((await fetchCsv(request, `/api/failed.csv?operationId=${fw}`)).text);
  expect(filtered.slice(1).map((r) => r[0])).toEqual(failedLatest(truth.get(fw)!).map((d) => d.deviceId));
  const bad = await request.get(`/api/failed.csv?from=never`);
  expect(bad.status()).toBe(400);
});

test("a large export streams in batches and stays complete", async ({ request }) => {
  test.setTimeout(120_000);
  const op = `${prefix}-big`;
  const failures = Array.from({ length: 1_205 }, (_, i) => ({
    notifyType: "swUpgradeResultNotify",
    deviceId: `${prefix}-big-${String(i).padStart(5, "0")}`,
    appId: "a",
    operationId: op,
    subOperationId: `s${i}`,
    curVersion: "1",
    targetVersion: "2",
    sourceVersion: "1",
    swUpgradeResult: "FAIL",
    upgradeTime: "20261127T080000Z",
    resultDesc: "failed",
    errorCode: "7",
    description: "invalid URI",
  }));
  for (let i = 0; i < failures.length; i += 50) {
    await Promise.all(
      failures
        .slice(i, i + 50)
        .map((b) => request.post("/api/callback", { data: b }).then((r) => expect(r.status()).toBe(200))),
    );
  }
  await waitForProjection(request);
  const rows = parseCsv((await fetchCsv(request, `/api/tasks/${op}/failed.csv`)).text);
  expect(rows).toHaveLength(1 + failures.length);
  expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(failures.length);
});
