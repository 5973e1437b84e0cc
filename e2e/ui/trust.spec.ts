import { expect, test } from "@playwright/test";
import { swResult, uniqueId } from "../support/campaign";
import { send } from "../support/http";

// In Chromium: URL state survives quick successive filter changes, titles decode ids once, and the
// error-code dictionary is edited on its page and shown next to codes.

const prefix = uniqueId("ui-trust");
const op = `${prefix}-op%41`;
const device = `${prefix}-dev%41pct`;

test.beforeAll(async ({ request }) => {
  await send(request, [swResult(op, device, { ok: false, at: Date.now() - 60_000, code: "2", description: "" })]);
});

test("changing from, then to within a second keeps both in the URL", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Tasks" })).toBeVisible();
  await page.getByLabel("Active from (UTC day)").fill("2026-11-01");
  await page.getByLabel("Active until (UTC day)").fill("2026-11-30");
  await expect(page).toHaveURL(/from=2026-11-01/);
  await expect(page).toHaveURL(/to=2026-11-30/);
  // And a third change right after still keeps both.
  await page.getByLabel("Outcome").selectOption("has_failures");
  await expect(page).toHaveURL(/from=2026-11-01.*to=2026-11-30|to=2026-11-30.*from=2026-11-01/);
  await expect(page).toHaveURL(/outcome=has_failures/);
});

test("device and task pages are titled with the id decoded once", async ({ page }) => {
  await page.goto(`/devices/${encodeURIComponent(device)}`);
  await expect(page).toHaveTitle(`Device ${device} · Upgrade Monitor`);
  await page.goto(`/tasks/${encodeURIComponent(op)}`);
  await expect(page).toHaveTitle(`Task ${op} · Upgrade Monitor`);
  // The bare code 2 is explained, marked as the documented meaning.
  const row = page.locator('[data-testid="error-code-row"][data-error-code="2"]');
  await expect(row.getByTestId("code-meaning")).toHaveText("poor signal (documented meaning)");
});

test("an operator's meaning is saved on /error-codes, recorded with who, and shown instead", async ({ page }) => {
  await page.goto("/error-codes");
  await expect(page).toHaveTitle("Error codes · Upgrade Monitor");
  const code = `7${Date.now() % 100000}`;
  await send(page.request, [swResult(op, `${device}-2`, { ok: false, at: Date.now() - 30_000, code })]);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Meaning", { exact: true }).fill("Vendor Y: flash worn out");
  await page.getByRole("button", { name: "Save" }).click();
  const entry = page.getByTestId("operator-code-row").filter({ hasText: code });
  await expect(entry).toContainText("Vendor Y: flash worn out");
  await expect(entry).toContainText("anonymous (sign-in off)");
  await page.goto(`/tasks/${encodeURIComponent(op)}`);
  const row = page.locator(`[data-testid="error-code-row"][data-error-code="${code}"]`);
  await expect(row.getByTestId("code-meaning")).toHaveText("Vendor Y: flash worn out (your meaning)");
});
