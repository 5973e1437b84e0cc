import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "./support/cookie-jar";
import { PASSWORD, signInWithPassword, startAuthServer, type AuthServer } from "./support/auth-server";
import { rawRequest } from "./support/raw-http";

// "Every response" carries the security headers: the review found them missing on /_next/image…
// 404 pages, 308 trailing-slash redirects, TRACE, 500s and the server's own 408. One table, signed
// out and signed in, over raw HTTP so that any method and any byte sequence can be sent.
let app: AuthServer;
let cookie = "";

beforeAll(async () => {
  app = await startAuthServer(["alice"]);
  const jar = new CookieJar();
  await signInWithPassword(app.url, jar, "alice", PASSWORD);
  cookie = jar.header();
});
afterAll(async () => {
  await app?.stop();
});

const FIXED: [string, string][] = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "same-origin"],
  ["x-frame-options", "DENY"],
  ["cross-origin-opener-policy", "same-origin"],
];

function expectFixedHeaders(headers: Map<string, string> | Headers): void {
  for (const [name, value] of FIXED) expect(headers.get(name), name).toBe(value);
  expect(headers.get("content-security-policy"), "csp").toContain("frame-ancestors 'none'");
}

// [method, path, expected status signed out, expected status signed in]
const TABLE: [string, string, number, number][] = [
  ["GET", "/_next/image/x", 307, 404],
  ["GET", "/_next/imagex", 307, 404],
  // The optimiser fetches /nope.png itself and fails on what it gets: a 500, still with the headers.
  ["GET", "/_next/image?url=%2Fnope.png&w=64&q=75", 500, 500],
  ["GET", "/_next/static/nope.js", 404, 404],
  ["GET", "/quarantine/", 308, 308],
  ["GET", "/api/tasks/", 308, 308],
  ["GET", "/no-such-page", 307, 404],
  ["GET", "/api/no-such-api", 401, 404],
  ["TRACE", "/", 405, 405],
  ["TRACE", "/api/summary", 405, 405],
  // node's parser refuses unknown methods itself: the clientError answer carries the headers.
  ["TRACK", "/", 400, 400],
  ["OPTIONS", "/", 307, 400],
  ["DELETE", "/api/summary", 401, 405],
  ["HEAD", "/signin", 200, 307],
  ["GET", "/api/callback", 405, 405],
  ["POST", "/api/callback", 400, 400],
  ["GET", "/api/health", 200, 200],
];

describe.each([
  ["signed out", () => ""],
  ["signed in", () => cookie],
])("security headers, %s", (who, cookieFor) => {
  it.each(TABLE)(`%s %s`, async (method, path, outStatus, inStatus) => {
    const c = cookieFor();
    const body = method === "POST" ? "x" : "";
    const res = await rawRequest(
      app.url,
      `${method} ${path} HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\n${c ? `Cookie: ${c}\r\n` : ""}` +
        `${method === "POST" ? "Content-Type: text/plain\r\n" : ""}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(res.status).toBe(who === "signed in" ? inStatus : outStatus);
    expectFixedHeaders(res.headers);
  });
});

describe("the server's own answers", () => {
  it("a request that stalls gets its 408 with the security headers", async () => {
    const res = await rawRequest(app.url, `GET / HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\n`, 20_000);
    expect(res.status).toBe(408);
    expectFixedHeaders(res.headers);
  }, 30_000);

  it("an unparseable request gets its 400 with the security headers", async () => {
    const res = await rawRequest(app.url, "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    expect(res.status).toBe(400);
    expectFixedHeaders(res.headers);
  });

  it("the TRACE refusal leaves no stack trace in the log", () => {
    expect(app.server.output()).not.toMatch(/HTTP method is unsupported/);
  });
});
