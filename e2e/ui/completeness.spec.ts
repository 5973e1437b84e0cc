import { expect, test } from "@playwright/test";
import { swResult, swState, uniqueId } from "../support/campaign";
import { send } from "../support/http";
import { formatRate } from "@/components/ui/format";
import { waitForProjection } from "@/tests/support/projection";

// Issue 13 in Chromium: a task with no target list says so plainly; uploading a declared list on the
// task page turns it into expected / pending numbers on the completeness bar; the pending filter
// lists the devices that never reported; a label set on the task page shows in the tasks list.

test.describe.configure({ mode: "serial" });

const prefix = uniqueId("ui-complete");
const op = `${prefix}-op`;
const reported = {
  ok: [`${prefix}-ok1`, `${prefix}-ok2`, `${prefix}-ok3`],
  failed: [`${prefix}-bad1`],
  busy: [`${prefix}-busy1`],
};
const pending = [`${prefix}-pend1`, `${prefix}-pend2`, `${prefix}-pend3`];
const now = Date.now();

test.beforeAll(async ({ request, baseURL }) => {
  await send(request, [
    ...reported.ok.map((d, i) => swResult(op, d, { ok: true, at: now - 60_000 * (i + 1) })),
    ...reported.failed.map((d) => swResult(op, d, { ok: false, at: now - 30_000 })),
    ...reported.busy.map((d) => swState(op, d, "downloading")),
  ]);
  await waitForProjection(baseURL!);
});

test("the completeness bar says 'unknown' until a declared list is uploaded, then counts against it", async ({
  page,
}) => {
  await page.goto(`/tasks/${op}`);
  await expect(page.getByTestId("completeness-expected")).toHaveText("unknown");
  await expect(page.getByTestId("completeness-source")).toHaveText("(unknown — results received so far)");
  await expect(page.getByTestId("completeness-succeeded")).toContainText(`(${formatRate(3 / 5)} of 5 reported)`);

  const ids = [...reported.ok, ...reported.failed, ...reported.busy, ...pending];
  const csv = `deviceId,site\n${ids.map((id) => `${id},north`).join("\n")}\n`;
  await page
    .getByLabel(/^Declare expected devices \(/)
    .setInputFiles({ name: "targets.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload list" }).click();
  await expect(page.getByTestId("expected-upload-result")).toHaveText("8 added, 0 removed, 8 expected now.");

  await expect(page.getByTestId("completeness-expected")).toHaveText("8");
  await expect(page.getByTestId("completeness-source")).toHaveText("(declared (uploaded list))");
  await expect(page.getByTestId("completeness-reported")).toHaveText("5");
  // Each segment: its label, its count, and its rate of the 8 expected devices.
  const segments: [string, string, number][] = [
    ["succeeded", "Succeeded", 3],
    ["failed", "Failed", 1],
    ["in-progress", "In progress", 1],
    ["stale", "Stale (no event for 24 h)", 0],
    ["pending", "Pending (never reported)", 3],
  ];
  for (const [key, label, n] of segments) {
    const segment = page.getByTestId(`completeness-${key}`);
    await expect(segment).toHaveAttribute("data-value", String(n));
    await expect(segment).toContainText(`${label}: ${n}`);
    await expect(segment).toContainText(`(${formatRate(n / 8)} of 8 expected)`);
  }
  await expect(page.getByRole("img", { name: /Completeness of 8 expected/ })).toBeVisible();
});

test("the pending filter lists the expected devices that never reported", async ({ page }) => {
  await page.goto(`/tasks/${op}`);
  await page.getByRole("combobox", { name: "Outcome" }).selectOption("pending");
  await expect(page).toHaveURL(/outcome=pending/);
  await expect(page.getByTestId("device-row")).toHaveCount(pending.length);
  expect(
    await page.getByTestId("device-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-device-id"))),
  ).toEqual([...pending].sort());
  await expect(page.getByTestId("device-rows").getByText("pending")).toHaveCount(pending.length);
  await expect(page.getByText("3 matching devices")).toBeVisible();
});

test("a label set on the task page shows in the tasks list and finds the task", async ({ page }) => {
  const label = `Spring rollout ${prefix.slice(-6)}`;
  await page.goto(`/tasks/${op}`);
  await page.getByRole("button", { name: "Add a label" }).click();
  await page.getByLabel("Label", { exact: true }).fill(label);
  await page.getByRole("button", { name: "Save label" }).click();
  await expect(page.getByTestId("task-label")).toHaveText(label);

  await page.goto("/");
  await page.getByLabel("operationId or label contains").fill(label);
  const row = page.locator(`[data-testid="task-row"][data-operation-id="${op}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId("task-row")).toHaveCount(1);
  await expect(row.getByTestId("task-row-label")).toHaveText(label);
  await expect(row.locator('[data-col="expected"]')).toHaveText("8");
  await expect(row.locator('[data-col="pending"]')).toHaveText("3");
  await expect(row.locator('[data-col="stale"]')).toHaveText("0");
});
