import { expect, test } from "@playwright/test";
import { swResult, swState, uniqueId } from "../support/campaign";
import { send, sendRaw } from "../support/http";
import { screenshot } from "../support/screenshot";

// `/devices/[deviceId]` and `/quarantine` in Chromium: device history with links back, hostile
// strings rendered as text, refused bodies shown escaped, ignored notifyType counts.

const prefix = uniqueId("ui-dev");
const device = `${prefix}-<img src=x onerror=alert(1)>`;
const a = `${prefix}-a`;
const b = `${prefix}-b`;

test("device page lists every task and attempt with links back", async ({ page, request }, testInfo) => {
  const t0 = Date.now() - 300_000;
  await send(request, [
    swState(a, device, "downloading"),
    swResult(a, device, { ok: false, at: t0, code: "5", description: "insufficient storage space" }),
    swResult(b, device, { ok: true, at: t0 + 60_000, source: "V2.0", target: "V3.0" }),
  ]);
  await page.goto(`/tasks/${a}`);
  await page.getByRole("link", { name: device }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${encodeURIComponent(device).replace(/[()]/g, "\\$&")}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(device);
  await expect(page.locator("img")).toHaveCount(0);
  await expect(page.getByTestId("device-task-row")).toHaveCount(2);
  await expect(page.getByTestId("device-event-row")).toHaveCount(3);
  await expect(page.getByTestId("device-task-row").first()).toContainText("failed");
  await expect(page.getByTestId("device-task-row").nth(1)).toContainText("succeeded");
  await screenshot(page, testInfo, "device");
  await page.getByTestId("device-task-row").nth(1).getByRole("link", { name: b }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${b}$`));
  await expect(page.getByTestId("task-succeeded")).toHaveText("1");
});

test("unknown device and task pages say not found", async ({ page }) => {
  const res = await page.goto(`/devices/${prefix}-missing`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await page.goto(`/tasks/${prefix}-missing`))?.status()).toBe(404);
});

test("quarantine page shows refused bodies escaped and ignored notifyTypes", async ({ page, request }, testInfo) => {
  const hostile = `{"notifyType":"swUpgradeResultNotify","x":"${prefix}<script>alert(1)</script>"`;
  expect((await sendRaw(request, hostile)).status()).toBe(400);
  const ignored = `${prefix}Notify`;
  for (let i = 0; i < 2; i++)
    expect((await sendRaw(request, JSON.stringify({ notifyType: ignored, n: i }))).status()).toBe(200);
  await page.goto("/quarantine");
  const item = page.getByTestId("quarantine-row").filter({ hasText: prefix });
  await expect(item).toHaveCount(1);
  await expect(item.locator('[data-col="reason"]')).toHaveText("invalid_json");
  await expect(item.getByTestId("quarantine-body")).toHaveText(hostile);
  await expect(page.locator("script", { hasText: "alert(1)" })).toHaveCount(0);
  await expect(
    page.locator(`[data-testid="ignored-row"][data-notify-type="${ignored}"] [data-col="count"]`),
  ).toHaveText("2");
  await screenshot(page, testInfo, "quarantine");

  // Live: another refused request appears without a reload.
  const second = `not json ${prefix}-second`;
  expect((await sendRaw(request, second)).status()).toBe(400);
  await expect(page.getByTestId("quarantine-row").filter({ hasText: `${prefix}-second` })).toHaveCount(1);
});
