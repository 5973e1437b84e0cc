import type { Browser, Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { PASSWORD, startAuthServer, type AuthServer } from "./support/auth-server";

// The open redirect is about what a browser does with a Location (strip tabs, resolve dot segments,
// read \ as /), so it is tested in Chromium: after signing in, and when a signed-in operator opens
// the link, the browser must stay on this app. A page on "evil.example" would never load here (no
// network), so every navigation's URL is recorded instead.
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

const LINKS = [
  "/%09/evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/x/..//evil.example",
  "/%5Cevil.example",
  "%2F%09%2Fevil.example",
];

/** A page in a new context whose every request host is recorded (evil.example requests are aborted). */
async function watchedPage(): Promise<{ page: Page; hosts: Set<string> }> {
  const context = await browser.newContext();
  const hosts = new Set<string>();
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).host;
    hosts.add(host);
    return host === new URL(app.url).host ? route.continue() : route.abort();
  });
  return { page: await context.newPage(), hosts };
}

describe("return paths in Chromium", () => {
  it.each(LINKS)("signing in from /signin?callbackUrl=%s lands on this app", async (raw) => {
    const { page, hosts } = await watchedPage();
    await page.goto(`${app.url}/signin?callbackUrl=${raw}`);
    await page.getByLabel("User name").fill("alice");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname !== "/signin", { timeout: 20_000 });
    await page.waitForLoadState("load");
    expect(new URL(page.url()).origin).toBe(new URL(app.url).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    expect([...hosts]).toEqual([new URL(app.url).host]);
    await page.context().close();
  });

  it.each(LINKS)("a signed-in operator opening /signin?callbackUrl=%s stays on this app", async (raw) => {
    const { page, hosts } = await watchedPage();
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("User name").fill("alice");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === "/", { timeout: 20_000 });

    await page.goto(`${app.url}/signin?callbackUrl=${raw}`);
    await page.waitForLoadState("load");
    expect(new URL(page.url()).origin).toBe(new URL(app.url).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    expect([...hosts]).toEqual([new URL(app.url).host]);
    await page.context().close();
  });
});
