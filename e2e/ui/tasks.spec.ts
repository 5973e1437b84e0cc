import { expect, test } from "@playwright/test";
import { firmwareCampaign, softwareCampaign, swResult, uniqueId } from "../support/campaign";
import { send } from "../support/http";
import { screenshot } from "../support/screenshot";
import { computeTruth, successRate } from "../support/truth";
import { formatRate } from "@/components/ui/format";

// The `/` page in Chromium: the task table, the operationId filter (as you type, in the URL), sorting,
// and a new task appearing without a reload.

const prefix = uniqueId("ui-tasks");
const sw = `${prefix}-sw`;
const fw = `${prefix}-fw`;
const sends = [...softwareCampaign(sw, { devices: 12, devicePrefix: `${prefix}-d` }), ...firmwareCampaign(fw)];
const truth = computeTruth(sends);

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

test("operationId filter narrows the table as you type and lives in the URL", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Tasks" })).toBeVisible();
  await page.getByLabel("operationId or label contains").fill(prefix);
  await expect(page).toHaveURL(new RegExp(`operationId=${prefix}`));
  const rows = page.getByTestId("task-row");
  await expect(rows).toHaveCount(2);
  for (const op of [sw, fw]) {
    const t = truth.get(op)!;
    const row = page.locator(`[data-testid="task-row"][data-operation-id="${op}"]`);
    await expect(row.locator('[data-col="devices"]')).toHaveText(String(t.devices.size));
    await expect(row.locator('[data-col="succeeded"]')).toHaveText(String(t.count("succeeded")));
    await expect(row.locator('[data-col="failed"]')).toHaveText(String(t.count("failed")));
    await expect(row.locator('[data-col="inProgress"]')).toHaveText(String(t.count("in_progress")));
    await expect(row.locator('[data-col="successRate"]')).toHaveText(formatRate(successRate(t)));
  }
  await expect(page.getByTestId("fleet-tasks")).toHaveText("2");
  await screenshot(page, testInfo, "tasks");

  // Shared link: the same URL renders the same filtered view on the server.
  await page.reload();
  await expect(page.getByLabel("operationId or label contains")).toHaveValue(prefix);
  await expect(rows).toHaveCount(2);

  await page.getByLabel("operationId or label contains").fill(`${prefix}-f`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-operation-id", fw);
});

test("sorting by a column header updates the URL and the order", async ({ page }) => {
  await page.goto(`/?operationId=${prefix}`);
  const header = page.getByRole("columnheader", { name: /Devices/ });
  await header.getByRole("button").click();
  await expect(page).toHaveURL(/sort=devices/);
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByTestId("task-row").first()).toHaveAttribute("data-operation-id", sw);
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByTestId("task-row").first()).toHaveAttribute("data-operation-id", fw);
});

test("a task pushed after the page loaded appears without a reload", async ({ page, request }) => {
  await page.goto(`/?operationId=${prefix}`);
  await expect(page.getByTestId("task-row")).toHaveCount(2);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const late = `${prefix}-late`;
  await send(request, [swResult(late, `${prefix}-late-dev`, { ok: false, at: Date.now(), code: "9" })]);
  await expect(page.locator(`[data-operation-id="${late}"]`)).toBeVisible();
  await expect(page.getByTestId("fleet-tasks")).toHaveText("3");
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("task list and task page stay usable", async ({ page }, testInfo) => {
    await page.goto(`/?operationId=${sw}`);
    await expect(page.getByTestId("task-row")).toHaveCount(1);
    await screenshot(page, testInfo, "tasks-phone");
    await page.getByRole("link", { name: sw }).click();
    await expect(page.getByTestId("task-devices")).toHaveText(String(truth.get(sw)!.devices.size));
    await screenshot(page, testInfo, "task-phone");
  });
});
