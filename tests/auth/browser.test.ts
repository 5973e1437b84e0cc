import type { Browser, Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { PASSWORD, startAuthServer, type AuthServer } from "./support/auth-server";

// The sign-in page, the nonce CSP and sign-out in a real browser: the strict policy must not stop
// Next's own scripts (the page would render but never hydrate, poll or submit through JavaScript).
let app: AuthServer;
let browser: Browser;

beforeAll(async () => {
  app = await startAuthServer(["alice"]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A fresh browser context, with every CSP violation and page error it reports. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return { page, problems };
}

describe("signing in and out in Chromium", () => {
  it("goes to sign-in, refuses a wrong password, signs in, runs the page's scripts, signs out", async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.url}/quarantine`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await expect.poll(() => page.title()).toContain("Sign in");

    await page.getByLabel("User name").fill("alice");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong user name or password." }).waitFor();

    await page.getByLabel("Password").fill(PASSWORD);
    // The quarantine page polls its API from the browser: proof that its scripts were allowed to run.
    const polled = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/quarantine" && r.status() === 200, {
      timeout: 20_000,
    });
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/quarantine`);
    await page.getByText("Signed in as").waitFor();
    expect(await page.getByText("alice", { exact: true }).count()).toBeGreaterThan(0);
    await polled;

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/signin");
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(problems).toEqual([]);
  });

  it("refuses to be framed (frame-ancestors 'none')", async () => {
    const { page, problems } = await openPage();
    await page.setContent(`<iframe src="${app.url}/signin"></iframe>`);
    await expect.poll(() => problems.join("\n"), { timeout: 10_000 }).toMatch(/frame-ancestors 'none'/);
    const framed = page.frames().find((f) => f.url().startsWith(app.url));
    expect(framed ? await framed.locator("#password").count() : 0).toBe(0);
  });
});
