import { expect, test } from "@playwright/test";
import { swResult, swState, uniqueId } from "../support/campaign";
import { send, sendRaw } from "../support/http";

// Device-provided strings are data: markup in any field is shown as text on every page and never runs.
const PAYLOADS = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned = 'img'">`,
  `<svg onload="window.__pwned = 'svg'"></svg>`,
  `javascript:window.__pwned='href'`,
];

test("markup in pushes is shown as text and never executes, on every page", async ({ page, request }) => {
  const op = uniqueId("ui-xss");
  const device = `${op}-${PAYLOADS[1]}`;
  await send(request, [
    swState(op, device, "downloading"),
    swResult(op, device, {
      ok: false,
      at: Date.now() - 60_000,
      code: PAYLOADS[0],
      description: PAYLOADS[2],
      cur: PAYLOADS[3],
    }),
  ]);
  await sendRaw(request, `{"notifyType":"swUpgradeResultNotify","x":"${op}${PAYLOADS[0]!.replaceAll('"', '\\"')}"`);

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const path of [
    `/tasks/${encodeURIComponent(op)}`,
    `/devices/${encodeURIComponent(device)}`,
    "/quarantine",
    `/?operationId=${op}`,
  ]) {
    await page.goto(path);
    await expect(page.getByText(op, { exact: false }).first()).toBeVisible();
    // Give any injected handler its chance to fire.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), path).toBeUndefined();
    await expect(page.locator("body img, body svg[onload]")).toHaveCount(0);
  }
  await page.goto(`/tasks/${encodeURIComponent(op)}`);
  await expect(page.getByText(PAYLOADS[0]!, { exact: false }).first()).toBeVisible();
  await expect(page.getByText(PAYLOADS[2]!, { exact: false }).first()).toBeVisible();
  expect(dialogs).toEqual([]);
});
