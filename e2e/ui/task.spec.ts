import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { softwareCampaign, swResult, uniqueId } from "../support/campaign";
import { CSV_HEADER, parseCsv, send } from "../support/http";
import { screenshot } from "../support/screenshot";
import { errorCodeCounts, failedLatest, successRate, taskTruth } from "../support/truth";
import { formatRate } from "@/components/ui/format";

// `/tasks/[operationId]` in Chromium: headline numbers against the truth, the error-code drill-down,
// the CSV download, and a live update after a new push.

const prefix = uniqueId("ui-task");
const op = `${prefix}-sw`;
const sends = softwareCampaign(op, { devices: 24, devicePrefix: `${prefix}-d` });
const truth = taskTruth(sends, op);

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

test("headline numbers match the pushes sent", async ({ page }, testInfo) => {
  await page.goto(`/tasks/${op}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(op);
  const devices = [...truth.devices.values()];
  const withResult = devices.filter((d) => d.first);
  const firstOk = withResult.filter((d) => d.first!.ok).length;
  await expect(page.getByTestId("task-devices")).toHaveText(String(truth.devices.size));
  await expect(page.getByTestId("task-succeeded")).toHaveText(String(truth.count("succeeded")));
  await expect(page.getByTestId("task-failed")).toHaveText(String(truth.count("failed")));
  await expect(page.getByTestId("task-in-progress")).toHaveText(String(truth.count("in_progress")));
  await expect(page.getByTestId("task-success-rate")).toHaveText(formatRate(successRate(truth)));
  await expect(page.getByTestId("task-first-attempt-rate")).toHaveText(formatRate(firstOk / withResult.length));
  const recovered = devices.filter((d) => d.outcome === "succeeded" && d.attempts.some((a) => !a.ok)).length;
  await expect(page.getByTestId("task-recovered")).toHaveText(String(recovered));
  await expect(page.getByTestId("task-last-result")).toContainText(/ago/);
  await expect(page.getByTestId("transition-row")).toHaveCount(2);
  await expect(page.getByTestId("device-row")).toHaveCount(truth.devices.size);
  // Device strings are text: the <script> in a description is shown, never run or parsed.
  await expect(page.getByText("<script>alert(1)</script>", { exact: false }).first()).toBeVisible();
  await screenshot(page, testInfo, "task");
});

test("choosing an error code filters the device list", async ({ page }, testInfo) => {
  await page.goto(`/tasks/${op}`);
  const codes = errorCodeCounts(truth);
  const rows = page.getByTestId("error-code-row");
  await expect(rows).toHaveCount(codes.size);
  const shown = await rows.evaluateAll((els) =>
    els.map(
      (e) =>
        [e.getAttribute("data-error-code"), e.querySelectorAll("td")[3]?.textContent] as [
          string | null,
          string | null | undefined,
        ],
    ),
  );
  expect(new Map(shown)).toEqual(new Map([...codes].map(([code, n]) => [code, String(n)])));
  await page.getByRole("button", { name: "5", exact: true }).click();
  await expect(page).toHaveURL(/errorCode=5/);
  const expected = [...truth.devices.values()]
    .filter((d) => d.outcome === "failed" && d.code === "5")
    .map((d) => d.deviceId)
    .sort();
  await expect(page.getByTestId("device-row")).toHaveCount(expected.length);
  expect(
    await page.getByTestId("device-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-device-id"))),
  ).toEqual(expected);
  await expect(page.getByRole("combobox", { name: "Error code" })).toHaveValue("5");
  await screenshot(page, testInfo, "task-error-code-drilldown");
  await page.getByRole("button", { name: "5", exact: true }).click();
  await expect(page.getByTestId("device-row")).toHaveCount(truth.devices.size);
});

test("the CSV download holds the failed devices", async ({ page }) => {
  await page.goto(`/tasks/${op}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("task-csv-link").click()]);
  expect(download.suggestedFilename()).toBe(`failed-devices-${op}-${new Date().toISOString().slice(0, 10)}.csv`);
  const text = await readFile((await download.path())!, "utf8");
  const rows = parseCsv(text);
  expect(rows[0]!.join(",")).toBe(CSV_HEADER);
  expect(rows.slice(1).map((r) => r[0])).toEqual(failedLatest(truth).map((d) => d.deviceId));
  expect(text).toContain(`'=HYPERLINK`);

  // With the drill-down on, the export honours it.
  await page.getByRole("button", { name: "5", exact: true }).click();
  await expect(page.getByTestId("task-csv-link")).toHaveAttribute("href", /errorCode=5/);
  const [filtered] = await Promise.all([page.waitForEvent("download"), page.getByTestId("task-csv-link").click()]);
  const filteredRows = parseCsv(await readFile((await filtered.path())!, "utf8"));
  expect(filteredRows.slice(1).map((r) => r[0])).toEqual(
    failedLatest(truth)
      .filter((d) => d.outcome === "failed" && d.code === "5")
      .map((d) => d.deviceId),
  );
});

test("a new result shows up without reloading the page", async ({ page, request }) => {
  await page.goto(`/tasks/${op}`);
  await expect(page.getByTestId("task-devices")).toHaveText(String(truth.devices.size));
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await send(request, [swResult(op, `${prefix}-d-new`, { ok: false, at: Date.now(), code: "77", source: "V1.0" })]);
  await expect(page.getByTestId("task-devices")).toHaveText(String(truth.devices.size + 1));
  await expect(page.getByTestId("task-failed")).toHaveText(String(truth.count("failed") + 1));
  await expect(page.locator('[data-testid="error-code-row"][data-error-code="77"]')).toBeVisible();
  await expect(page.locator(`[data-device-id="${prefix}-d-new"]`)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
