import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { post, swResult } from "../fixtures/pushes";
import { LOGIN_LIMITS } from "@/lib/auth/login-limiter";
import { CookieJar } from "./support/cookie-jar";
import { PASSWORD, refusalCode, signInWithPassword, startAuthServer, type AuthServer } from "./support/auth-server";
import { expectSecurityHeaders, pageNonce } from "./support/headers";

// What an unauthenticated caller gets from a protected server, and what an API token opens.
let app: AuthServer;

beforeAll(async () => {
  app = await startAuthServer(["alice"]);
});
afterAll(async () => {
  await app?.stop();
});

const READ_APIS = [
  "/api/tasks",
  "/api/summary",
  "/api/quarantine",
  "/api/failed.csv",
  "/api/tasks/0123abcd/devices",
  "/api/tasks/0123abcd/failed.csv",
  "/api/tasks/0123abcd",
  "/api/devices/some-device",
  "/api/does-not-exist",
];
const PAGES = ["/", "/quarantine", "/tasks/0123abcd", "/devices/some-device", "/no-such-page", "/?status=failed"];

describe("without a session", () => {
  it.each(READ_APIS)("GET %s → 401 in the error envelope", async (path) => {
    const res = await fetch(`${app.url}${path}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expectSecurityHeaders(res, "api");
  });

  it.each(PAGES)("GET %s → redirect to the sign-in page, coming back afterwards", async (path) => {
    const res = await fetch(`${app.url}${path}`, { redirect: "manual" });
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get("location")!, app.url);
    expect(to.pathname).toBe("/signin");
    expect(to.searchParams.get("callbackUrl")).toBe(path);
    expectSecurityHeaders(res, "api");
  });

  it("also refuses the pages' RSC payloads (client-side navigation)", async () => {
    const res = await fetch(`${app.url}/quarantine?_rsc=abc`, { redirect: "manual", headers: { rsc: "1" } });
    expect(res.status).toBe(307);
  });

  it.each(["/api/auth/%2e%2e/tasks", "/api/healthz", "/api/health/../tasks", "/signin/../api/tasks", "/API/tasks"])(
    "does not let %s around the check",
    async (path) => {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual" });
      expect(res.status).not.toBe(200);
    },
  );

  it("serves the sign-in page with a nonce CSP that Next applied to its scripts", async () => {
    const res = await fetch(`${app.url}/signin?callbackUrl=%2Fquarantine`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="password"');
    const nonce = pageNonce(res);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    expect(pageNonce(await fetch(`${app.url}/signin`))).not.toBe(nonce);
  });

  it("keeps /api/health open", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "api");
  });

  it("keeps POST /api/callback open (CALLBACK_TOKEN is its only check) with the security headers", async () => {
    const res = await post(app.url, swResult());
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("stored");
    expectSecurityHeaders(res, "api");
  });

  it("sets the security headers on static build files", async () => {
    const html = await (await fetch(`${app.url}/signin`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const res = await fetch(`${app.url}${asset}`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "api");
  });
});

describe("API tokens (Authorization: Bearer)", () => {
  it.each(READ_APIS.filter((p) => p !== "/api/does-not-exist"))(
    "GET %s with the token is let through",
    async (path) => {
      const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${app.apiToken}` } });
      expect(res.status).not.toBe(401);
      expect(res.status).toBeLessThan(500);
      expectSecurityHeaders(res, "api");
    },
  );

  it.each([
    ["a wrong token", "um_not-the-token"],
    ["the token with one character changed", "flip"],
    ["the token's prefix", "prefix"],
  ])("refuses %s with 401", async (_name, variant) => {
    const token =
      variant === "flip"
        ? app.apiToken.slice(0, -1) + (app.apiToken.endsWith("A") ? "B" : "A")
        : variant === "prefix"
          ? app.apiToken.slice(0, 20)
          : variant;
    const res = await fetch(`${app.url}/api/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("does not accept the token in the query string, as Basic, or for pages", async () => {
    expect((await fetch(`${app.url}/api/summary?token=${app.apiToken}`)).status).toBe(401);
    expect(
      (await fetch(`${app.url}/api/summary`, { headers: { authorization: `Basic ${app.apiToken}` } })).status,
    ).toBe(401);
    const page = await fetch(`${app.url}/`, {
      redirect: "manual",
      headers: { authorization: `Bearer ${app.apiToken}` },
    });
    expect(page.status).toBe(307);
  });

  it("never logs the token", () => {
    expect(app.server.output()).not.toContain(app.apiToken);
  });
});

// Last: it uses up this server's login budget for 127.0.0.1.
describe("login limits behind `npm start` without TRUST_PROXY", () => {
  it("count by the socket address, whatever X-Forwarded-For the client invents", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress.free; i++) {
      const spoof = { "x-forwarded-for": `203.0.113.${i + 1}` };
      expect(refusalCode(await signInWithPassword(app.url, new CookieJar(), `spray${i}`, "123456", spoof))).toBe(
        "credentials",
      );
    }
    const res = await signInWithPassword(app.url, new CookieJar(), "alice", PASSWORD, {
      "x-forwarded-for": "203.0.113.200",
    });
    expect(refusalCode(res)).toBe("rate_limited");
  });
});

describe("the callback on plain `next start` (route handler, not the lean path)", () => {
  it("carries the same security headers", async () => {
    const res = await post(inject("pgliteServerUrl"), swResult());
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "api");
  });
});
