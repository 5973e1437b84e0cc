import { expect, test } from "@playwright/test";
import { screenshot } from "../support/screenshot";

// Runs before the api and ui projects (playwright.config.ts dependencies), on the fresh database:
// the empty dashboard tells the operator the callback URL to subscribe and the simulator command.

test("empty dashboard shows the callback URL and the simulator command", async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const summary = await (await request.get("/api/summary")).json();
  expect(summary.tasks, "the database already holds tasks (reused server or database)").toBe(0);
  await page.goto("/");
  const callbackUrl = `${baseURL}/api/callback`;
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expect(page.getByTestId("callback-url")).toHaveText(callbackUrl);
  await expect(page.getByTestId("simulate-command")).toHaveText(`npm run simulate -- --url ${callbackUrl}`);
  await screenshot(page, testInfo, "tasks-empty");
  await page.goto("/quarantine");
  await expect(page.getByTestId("quarantine-empty")).toBeVisible();
  await expect(page.getByTestId("ignored-empty")).toBeVisible();
});

test("the callback URL ignores forwarded headers unless TRUST_PROXY is set", async ({ request, baseURL }) => {
  // This server runs without TRUST_PROXY: a client's X-Forwarded-Host must not steer the URL the page
  // tells operators to subscribe (tests/auth/hostile-requests.test.ts covers the trusted-proxy case).
  const res = await request.get("/", {
    headers: { "X-Forwarded-Host": "monitor.example.test", "X-Forwarded-Proto": "https" },
  });
  const html = await res.text();
  const summary = await (await request.get("/api/summary")).json();
  expect(summary.tasks, "the empty state is only shown on an empty database").toBe(0);
  expect(html).not.toContain("monitor.example.test");
  expect(html).toContain(`${baseURL}/api/callback`);
});
