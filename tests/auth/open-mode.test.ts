import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import { freePort } from "./support/free-port";
import { expectSecurityHeaders, pageNonce } from "./support/headers";

// Nothing configured: a local trial. Everything is reachable, and the app says so on every page and
// once in the log.
const NO_AUTH = {
  AUTH_USERS: undefined,
  AUTH_SECRET: undefined,
  AUTH_OIDC_ISSUER: undefined,
  AUTH_OIDC_ID: undefined,
  AUTH_OIDC_SECRET: undefined,
  API_TOKENS: undefined,
};
const WARNING = "[auth] WARNING: no sign-in is configured";
let server: RunningServer;
let db: ThrowawayDatabase;

beforeAll(async () => {
  db = await createThrowawayDatabase("um_open");
  server = await startServer({ DATABASE_URL: db.url, ...NO_AUTH }, "custom", await freePort());
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe("with no sign-in configured", () => {
  it.each(["/", "/quarantine", "/signin"])("serves %s with the open-access banner and a nonce CSP", async (path) => {
    const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
    expect(res.status).toBe(200);
    pageNonce(res);
    expect(await res.text()).toContain("No sign-in configured:");
  });

  it.each(["/api/summary", "/api/tasks", "/api/quarantine"])("serves %s without credentials", async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "api");
  });

  it("has no Auth.js routes", async () => {
    const res = await fetch(`${server.url}/api/auth/session`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });

  it("warns exactly once in the log, at start", async () => {
    await fetch(`${server.url}/`);
    const count = server.output().split(WARNING).length - 1;
    expect(count).toBe(1);
  });
});
