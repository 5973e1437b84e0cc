import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { PlatformClient, PlatformError } from "@/lib/platform/client";
import { OperationAnswer } from "@/lib/platform/schemas";
import { makeTask } from "@/lib/platform-standin/model";
import { startStandin, type StandinPlatform } from "@/lib/platform-standin/server";
import { configFor } from "./support";

// The client's rules against the stand-in over mutual TLS: the login contract, re-login on 401
// (expired or superseded token), refresh before expiry, backoff on 429 and 5xx.
let platform: StandinPlatform;
const clients: PlatformClient[] = [];
const OP = "client-task";
const path = `/iodm/northbound/v1.5.0/operations/${OP}`;
const client = (opts: ConstructorParameters<typeof PlatformClient>[1] = {}, over = {}) => {
  const c = new PlatformClient(configFor(platform, over), { backoffMs: 50, ...opts });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  platform = await startStandin({ expiresIn: 2 });
  platform.tasks.set(OP, makeTask(OP, 3));
});
afterEach(() => {
  platform.log.length = 0;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await platform?.close();
});

it("refuses a client without the client certificate, and a wrong secret with the platform's error code", async () => {
  const noCert = client({ maxAttempts: 1 }, { cert: undefined, key: undefined });
  await expect(noCert.login()).rejects.toThrow(/cannot be reached/);
  const wrong = client({}, { secret: "not-the-secret" });
  const err = await wrong.login().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PlatformError);
  expect(err).toMatchObject({ status: 401, code: "100208" });
});

it("logs in again when another login superseded its token, and once more when the token expired server-side", async () => {
  const a = client({ refreshMarginSeconds: 0 });
  const b = client({ refreshMarginSeconds: 0 });
  expect((await a.call("GET", path, OperationAnswer)).staResult?.total).toBe(3);
  const before = platform.logins();
  await b.login(); // only the newest token is valid: a's is dead now
  expect((await a.call("GET", path, OperationAnswer)).operationId).toBe(OP);
  expect(platform.logins()).toBe(before + 2);
  expect(platform.log.filter((l) => l.path === path).map((l) => l.status)).toEqual([200, 401, 200]);

  // A client whose clock runs 5 s behind keeps using an expired token: the 401 makes it log in.
  const late = client({ refreshMarginSeconds: -5 });
  await late.login();
  await new Promise((r) => setTimeout(r, 2_100));
  platform.log.length = 0;
  expect((await late.call("GET", path, OperationAnswer)).operationId).toBe(OP);
  expect(platform.log.map((l) => `${l.path.split("/").pop()} ${l.status}`)).toEqual([
    `${OP} 401`,
    "login 200",
    `${OP} 200`,
  ]);
});

it("refreshes the token before expiresIn runs out, without a 401", async () => {
  const c = client({ refreshMarginSeconds: 1 });
  await c.call("GET", path, null);
  await new Promise((r) => setTimeout(r, 1_100));
  await c.call("GET", path, null);
  expect(platform.log.map((l) => `${l.path.split("/").pop()} ${l.status}`)).toEqual([
    "login 200",
    `${OP} 200`,
    "refreshToken 200",
    `${OP} 200`,
  ]);
});

it("backs off on 429 as Retry-After says, and on 5xx exponentially, then gives up with the status", async () => {
  platform.setExpiresIn(3600); // the token must outlive the backoff here
  const c = client();
  await c.login();
  platform.log.length = 0;
  platform.inject({ path: new RegExp(`${OP}$`), status: 429, retryAfter: 1, times: 2 });
  const started = Date.now();
  await c.call("GET", path, OperationAnswer);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  expect(platform.log.map((l) => l.status)).toEqual([429, 429, 200]);

  platform.inject({ path: new RegExp(`${OP}$`), status: 500, times: 2 });
  await c.call("GET", path, OperationAnswer);
  platform.inject({ path: new RegExp(`${OP}$`), status: 503, times: 3 });
  const err = await client({ maxAttempts: 3 })
    .call("GET", path, OperationAnswer)
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ name: "PlatformError", status: 503 });
});

it("keeps to the documented paging and subscription contract", async () => {
  const c = client();
  await expect(c.call("GET", `${path}/subOperations?pageNo=0&pageSize=101`, null)).rejects.toMatchObject({
    status: 400,
  });
  await expect(c.call("GET", `${path}/subOperations?pageNo=-1&pageSize=10`, null)).rejects.toMatchObject({
    status: 400,
  });
  await c.call("POST", "/iodm/app/sub/v1.1.0/subscribe", null, {
    notifyType: "fwUpgradeResultNotify",
    callbackUrl: "https://monitor.example.com/api/callback",
  });
  expect(platform.subscriptions).toContainEqual({
    notifyType: "fwUpgradeResultNotify",
    callbackUrl: "https://monitor.example.com/api/callback",
  });
  await expect(
    c.call("POST", "/iodm/app/sub/v1.1.0/subscribe", null, {
      notifyType: "fwUpgradeResultNotify",
      callbackUrl: "ftp://x",
    }),
  ).rejects.toMatchObject({ status: 400, code: "100222" });
});
