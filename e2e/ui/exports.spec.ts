import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { softwareCampaign, swResult, uniqueId } from "../support/campaign";
import { parseCsv, send } from "../support/http";
import { screenshot } from "../support/screenshot";
import { failedLatest, taskTruth } from "../support/truth";
import { loadWorkbook, rawRows, unzipXml } from "@/tests/support/xlsx";

// The export buttons in Chromium: each download holds exactly the devices the filtered table shows,
// with the values Excel used to mangle kept exactly, and the retry list's definition beside its button.

const prefix = uniqueId("ui-exports");
const op = `${prefix}-sw`;
const imei = `86853304${Date.now().toString().slice(-7)}`;
const sends = [
  ...softwareCampaign(op, { devices: 16, devicePrefix: `${prefix}-d` }),
  {
    ...swResult(op, imei, {
      ok: false,
      at: Date.now() - 60_000,
      source: "1.10",
      code: "0012",
      description: "设备存储空间不足",
    }),
    resultDesc: "12345678901234567890",
  },
];
const truth = taskTruth(sends, op);
const today = new Date().toISOString().slice(0, 10);

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

/** The deviceIds the table shows, in order, once it shows `count` rows. */
async function tableIds(page: Page, count: number): Promise<string[]> {
  await expect(page.getByTestId("device-row")).toHaveCount(count);
  return page.getByTestId("device-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-device-id")!));
}

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test("CSV, Excel and the retry list hold the devices of the filtered table", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(`/tasks/${op}`);
  await expect(page.getByTestId("retry-definition")).toContainText("latest outcome is failed");
  await page.locator("#device-outcome").selectOption("failed");
  await expect(page).toHaveURL(/outcome=failed/);
  const failed = [...truth.devices.values()]
    .filter((d) => d.outcome === "failed")
    .map((d) => d.deviceId)
    .sort();
  const shown = await tableIds(page, failed.length);
  expect(shown).toEqual(failed);
  await screenshot(page, testInfo, "task-exports");

  const csv = await download(page, "task-csv-link");
  expect(csv.name).toBe(`failed-devices-${op}-${today}.csv`);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvRows = parseCsv(csv.bytes.toString("utf8"));
  expect(csvRows.slice(1).map((r) => r[0])).toEqual(shown);
  const imeiCsv = csvRows.find((r) => r[0] === imei)!;
  expect([imeiCsv[4], imeiCsv[7], imeiCsv[9], imeiCsv[10]]).toEqual([
    "1.10",
    "0012",
    "设备存储空间不足",
    "12345678901234567890",
  ]);

  const xlsx = await download(page, "task-xlsx-link");
  expect(xlsx.name).toBe(`failed-devices-${op}-${today}.xlsx`);
  const sheet = rawRows(unzipXml(xlsx.bytes)["xl/worksheets/sheet1.xml"]!);
  expect(sheet.slice(1).map((r) => r[0])).toEqual(shown);
  const imeiXlsx = sheet.find((r) => r[0] === imei)!;
  expect([imeiXlsx[4], imeiXlsx[7], imeiXlsx[9], imeiXlsx[10]]).toEqual([
    "1.10",
    "0012",
    "设备存储空间不足",
    "12345678901234567890",
  ]);
  const about = (await loadWorkbook(xlsx.bytes)).getWorksheet("About")!;
  expect(about.getCell("B3").text).toBe("outcome = failed");

  const retry = await download(page, "task-retry-link");
  expect(retry.name).toBe(`retry-devices-${op}-${today}.txt`);
  expect(retry.bytes.toString("utf8")).toBe(shown.map((id) => `${id}\n`).join(""));

  // Narrowed to one error code, every export narrows with the table.
  await page.locator("#device-error").selectOption("0012");
  const one = await tableIds(page, 1);
  expect(one).toEqual([imei]);
  expect(
    parseCsv((await download(page, "task-csv-link")).bytes.toString("utf8"))
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(one);
  expect(
    rawRows(unzipXml((await download(page, "task-xlsx-link")).bytes)["xl/worksheets/sheet1.xml"]!)
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(one);
  expect((await download(page, "task-retry-link")).bytes.toString("utf8")).toBe(`${imei}\n`);
});

test("without an outcome filter, CSV and Excel list every latest-FAIL device, the retry list only those not retrying", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`/tasks/${op}`);
  await tableIds(page, truth.devices.size);
  const latestFail = failedLatest(truth).map((d) => d.deviceId);
  expect(
    parseCsv((await download(page, "task-csv-link")).bytes.toString("utf8"))
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(latestFail);
  expect(
    rawRows(unzipXml((await download(page, "task-xlsx-link")).bytes)["xl/worksheets/sheet1.xml"]!)
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(latestFail);
  const retrying = failedLatest(truth)
    .filter((d) => d.outcome === "in_progress")
    .map((d) => d.deviceId);
  expect(retrying.length).toBeGreaterThan(0);
  const retry = (await download(page, "task-retry-link")).bytes.toString("utf8").split("\n").filter(Boolean);
  expect(retry).toEqual(latestFail.filter((id) => !retrying.includes(id)));
});

test("the task list's Excel button follows its filters", async ({ page }) => {
  await page.goto(`/?operationId=${encodeURIComponent(op)}`);
  await expect(page.getByTestId("all-xlsx-link")).toHaveAttribute("href", new RegExp(`operationId=${op}`));
  const xlsx = await download(page, "all-xlsx-link");
  expect(xlsx.name).toBe(`failed-devices-all-${today}.xlsx`);
  const sheet = rawRows(unzipXml(xlsx.bytes)["xl/worksheets/sheet1.xml"]!);
  expect(sheet.slice(1).map((r) => r[0])).toEqual(failedLatest(truth).map((d) => d.deviceId));
  const csv = await download(page, "all-csv-link");
  expect(
    parseCsv(csv.bytes.toString("utf8"))
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(failedLatest(truth).map((d) => d.deviceId));
});
