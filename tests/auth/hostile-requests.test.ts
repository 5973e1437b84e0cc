import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "./support/cookie-jar";
import { AUTH_SECRET, PASSWORD, signInWithPassword, startAuthServer, type AuthServer } from "./support/auth-server";
import { rawRequest } from "./support/raw-http";

// The security review's redirect, forwarded-header and callback-token examples, over real HTTP
// against `npm start`. (The browser's view of the open redirect is in open-redirect.browser.test.ts.)
const SECRET = "callback-secret-0123456789abcdefXYZ";
let app: AuthServer;
let trusting: AuthServer;

beforeAll(async () => {
  app = await startAuthServer(["alice"], { CALLBACK_TOKEN: SECRET });
  trusting = await startAuthServer(["alice"], { TRUST_PROXY: "1", CALLBACK_TOKEN: SECRET });
});
afterAll(async () => {
  await app?.stop();
  await trusting?.stop();
});

// Raw query strings exactly as the review sent them (%09 is a tab once decoded).
const OPEN_REDIRECTS = [
  "/%09/evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/x/..//evil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "https://evil.example/",
];

/** Where a browser would go with this Location, resolved as it would resolve it. */
function landsOn(base: string, location: string | null): URL {
  expect(location).not.toBeNull();
  // Browsers strip tabs and newlines from URLs before resolving them.
  return new URL(location!.replace(/[\t\n\r]/g, ""), base);
}

describe("return paths", () => {
  it.each(OPEN_REDIRECTS)("a signed-in operator opening /signin?callbackUrl=%s stays on this origin", async (raw) => {
    const jar = new CookieJar();
    await signInWithPassword(app.url, jar, "alice", PASSWORD);
    const res = await jar.fetch(`${app.url}/signin?callbackUrl=${raw}`);
    expect(res.status).toBe(307);
    const to = landsOn(app.url, res.headers.get("location"));
    expect(to.origin).toBe(new URL(app.url).origin);
    expect(to.pathname).toBe("/");
  });

  it.each(OPEN_REDIRECTS)("signing in with callbackUrl=%s returns to this origin", async (raw) => {
    const jar = new CookieJar();
    const { csrfToken } = (await (await jar.fetch(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const res = await jar.fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `username=alice&password=${encodeURIComponent(PASSWORD)}&csrfToken=${encodeURIComponent(csrfToken)}&callbackUrl=${raw}`,
    });
    expect(res.status).toBe(302);
    const to = landsOn(app.url, res.headers.get("location"));
    expect(to.origin).toBe(new URL(app.url).origin);
    expect(to.pathname).toBe("/");
  });

  it("keeps a genuine return path, normalised", async () => {
    const jar = new CookieJar();
    await signInWithPassword(app.url, jar, "alice", PASSWORD);
    const res = await jar.fetch(`${app.url}/signin?callbackUrl=${encodeURIComponent("/tasks/../quarantine?x=1")}`);
    expect(res.headers.get("location")).toMatch(/\/quarantine\?x=1$/);
  });
});

describe("forwarded headers without TRUST_PROXY", () => {
  it("a spoofed X-Forwarded-Host does not steer the sign-out redirect", async () => {
    const jar = new CookieJar();
    await signInWithPassword(app.url, jar, "alice", PASSWORD);
    const spoof = {
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      forwarded: "host=evil.example;proto=https",
    };
    const { csrfToken } = (await (await jar.fetch(`${app.url}/api/auth/csrf`, { headers: spoof })).json()) as {
      csrfToken: string;
    };
    const out = await jar.fetch(`${app.url}/api/auth/signout`, {
      method: "POST",
      headers: { ...spoof, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/signin" }),
    });
    expect(out.status).toBe(302);
    expect(new URL(out.headers.get("location")!, app.url).host).toBe(new URL(app.url).host);
  });

  it.each([
    ["x-forwarded-proto", "ht tp"],
    ["x-forwarded-host", "a b/c"],
    ["x-forwarded-host", "[::1"],
    ["forwarded", 'host="evil'],
  ])("ignores a malformed %s (%s): no 500, no stack in the log", async (name, value) => {
    const before = app.server.output().length;
    const res = await fetch(`${app.url}/quarantine`, { redirect: "manual", headers: { [name]: value } });
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get("location")!, app.url).host).toBe(new URL(app.url).host);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(app.server.output().slice(before)).not.toMatch(/TypeError|Invalid URL|\n\s+at /);
  });
});

describe("forwarded headers with TRUST_PROXY", () => {
  it.each([
    ["x-forwarded-proto", "ht tp"],
    ["x-forwarded-proto", "gopher"],
    ["x-forwarded-host", "a b/c"],
    ["x-forwarded-host", "evil.example/path"],
    ["x-forwarded-for", "not-an-ip"],
    ["x-forwarded-port", "99999"],
    ["forwarded", 'host="evil'],
  ])("refuses a malformed %s (%s) with 400 and the security headers", async (name, value) => {
    const res = await fetch(`${trusting.url}/quarantine`, { redirect: "manual", headers: { [name]: value } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_header", message: `Malformed ${name} header.` } });
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("accepts well-formed proxy values", async () => {
    const headers = {
      "x-forwarded-host": "monitor.example:8443",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "198.51.100.4, 10.0.0.1",
      forwarded: 'for="[2001:db8::1]";proto=https;host=monitor.example',
    };
    expect((await fetch(`${trusting.url}/api/health`, { headers })).status).toBe(200);
    expect((await fetch(`${trusting.url}/quarantine`, { headers, redirect: "manual" })).status).toBe(307);
  });

  it("refuses a malformed Host header with 400", async () => {
    const res = await rawRequest(app.url, "GET / HTTP/1.1\r\nHost: evil host/\r\nConnection: close\r\n\r\n");
    expect(res.status).toBe(400);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the callback token never travels in a redirect", () => {
  it.each([
    ["GET", `/API/callback?token=${SECRET}`],
    ["GET", `/Api/Callback?x=1&TOKEN=${SECRET}`],
    ["GET", `/api/callback/?token=${SECRET}`],
    ["GET", `/quarantine/?token=${SECRET}`],
    ["POST", `/API/callback?token=${SECRET}`],
  ])("%s %s", async (method, path) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      redirect: "manual",
      body: method === "POST" ? "{}" : undefined,
    });
    const location = res.headers.get("location") ?? "";
    expect(decodeURIComponent(decodeURIComponent(location))).not.toContain(SECRET);
    expect(location).not.toContain(SECRET);
    if (res.status >= 300 && res.status < 400) expect(location).not.toBe("");
  });
});

describe("start-up warnings and error logs", () => {
  it("warns when sign-in is configured but CALLBACK_TOKEN is not", async () => {
    const bare = await startAuthServer(["alice"]);
    try {
      expect(bare.server.output()).toMatch(/WARNING: sign-in is configured but CALLBACK_TOKEN is not/);
    } finally {
      await bare.stop();
    }
    expect(app.server.output()).not.toMatch(/CALLBACK_TOKEN/);
  });

  it("logs Auth.js errors by their real name and message, never a secret", async () => {
    const before = app.server.output().length;
    await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "alice", password: PASSWORD }),
    });
    await new Promise((r) => setTimeout(r, 300));
    const log = app.server.output().slice(before);
    expect(log).toMatch(/\[auth\] MissingCSRF: /);
    expect(log).not.toContain(PASSWORD);
    expect(app.server.output()).not.toContain(AUTH_SECRET);
    expect(app.server.output()).not.toContain(SECRET);
  });
});
