import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { swResult, uniqueId } from "../support/campaign";
import { send } from "../support/http";

// `/alerts` in Chromium: an operator adds a webhook channel (and tests it), adds a failure-rate rule
// for one task, and sees the firing and its delivery once the task crosses the threshold. The
// receiver is a real HTTP server in this test process.

test("create a channel and a rule on /alerts, then see the firing and its delivery", async ({ page, request }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const op = uniqueId("ui-alert");
  const channelName = `hook ${op}`;
  try {
    await page.goto("/alerts");
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();

    const channelForm = page.getByRole("form", { name: "New channel" });
    await channelForm.getByLabel("Name").fill(channelName);
    await channelForm.getByLabel("URL").fill(url);
    await channelForm.getByLabel("Signing secret").fill("ui-secret");
    await channelForm.getByRole("button", { name: "Add channel" }).click();
    const row = page.getByRole("row").filter({ hasText: channelName });
    await expect(row).toContainText("set (hidden)");
    await expect(page.locator("body")).not.toContainText("ui-secret");
    await row.getByRole("button", { name: "Send test" }).click();
    await expect(row.getByTestId("test-answer")).toHaveText('Delivered (200): {"ok":true}');
    expect(received.at(-1)?.headers["x-upgrade-monitor-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const ruleForm = page.getByRole("form", { name: "New rule" });
    await ruleForm.getByLabel("Name").fill(`rollout ${op}`);
    await ruleForm.getByLabel("Failure share ≥ (0–1)").fill("0.5");
    await ruleForm.getByLabel("Once devices with a result ≥").fill("2");
    await ruleForm.getByLabel("Only task (operationId)").fill(op);
    await ruleForm.getByLabel(channelName).check();
    await ruleForm.getByRole("button", { name: "Add rule" }).click();
    await expect(page.getByRole("row").filter({ hasText: `rollout ${op}` })).toContainText(
      "failed ÷ with result ≥ 0.5 once ≥ 2 results",
    );

    const t0 = Date.now() - 60_000;
    await send(request, [
      swResult(op, `${op}-d1`, { ok: false, at: t0, code: "5" }),
      swResult(op, `${op}-d2`, { ok: false, at: t0 + 1_000, code: "5" }),
    ]);
    const firing = page.getByTestId("firing-row").filter({ hasText: op });
    await expect(firing).toContainText(`rollout ${op}`, { timeout: 20_000 });
    await expect(firing.getByTestId("delivery")).toContainText(`${channelName} · fired · delivered · 1 attempt · 200`, {
      timeout: 20_000,
    });
    expect(received.some((r) => r.body.includes('"event":"alert.fired"') && r.body.includes(op))).toBe(true);
  } finally {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  }
});
