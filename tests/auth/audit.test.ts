import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { openDatabase, type Database } from "@/lib/db/client";
import { setDb } from "@/lib/db";
import type { AuditEventItem, AuditList } from "@/lib/schemas/audit";
import { post, swResult } from "../fixtures/pushes";
import {
  createThrowawayDatabase,
  freshPgliteDir,
  type RunningServer,
  type ThrowawayDatabase,
} from "../support/servers";
import { CookieJar } from "./support/cookie-jar";
import { PASSWORD, signInWithPassword, signOut, startAuthServerOn } from "./support/auth-server";
import { digestApiToken, generateApiToken } from "@/lib/auth/api-tokens";

// Every kind of audit event, written by the running server and read back through GET /api/audit,
// on both databases. The setting change is written through the library (no setting is stored in the
// app yet; the alerts issue adds the first ones) and read back through the API the same way.
const CALLBACK_TOKEN = "audit-callback-token-0123456789abcdef";
const apiToken = generateApiToken();
let pg: ThrowawayDatabase;
const pgliteDir = freshPgliteDir();

beforeAll(async () => {
  pg = await createThrowawayDatabase("um_audit");
});
afterAll(async () => {
  await pg?.drop();
});

describe.each([
  ["postgresql", () => ({ DATABASE_URL: pg.url })],
  ["pglite", () => ({ PGLITE_DIR: pgliteDir })],
])("audit trail on %s", (kind, dbEnv) => {
  let server: RunningServer;
  let admin: CookieJar;
  const ip = (n: number) => ({ "x-forwarded-for": `192.0.2.${n}` });
  const bearer = { authorization: `Bearer ${apiToken}` };

  beforeAll(async () => {
    server = await startAuthServerOn(dbEnv(), ["alice", "bob"], {
      TRUST_PROXY: "1",
      CALLBACK_TOKEN,
      API_TOKENS: `ci-script:${digestApiToken(apiToken).toString("hex")}`,
    });
    admin = new CookieJar();
    await signInWithPassword(server.url, admin, "alice", PASSWORD, ip(1));
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function audit(query: Record<string, string> = {}): Promise<AuditList> {
    const res = await admin.fetch(`${server.url}/api/audit?${new URLSearchParams(query)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as AuditList;
  }
  const newest = async (query: Record<string, string>): Promise<AuditEventItem | undefined> =>
    (await audit({ ...query, limit: "1" })).items[0];

  it("records a password sign-in that succeeded, one that failed and one that was slowed", async () => {
    expect(await newest({ kind: "sign_in_succeeded", user: "alice" })).toMatchObject({
      actor: "alice",
      clientIp: "192.0.2.1",
      method: "password",
    });
    for (let i = 0; i < 5; i++) await signInWithPassword(server.url, new CookieJar(), "bob", `wrong ${i}`, ip(2));
    await signInWithPassword(server.url, new CookieJar(), "bob", PASSWORD, ip(2));
    const failed = await audit({ kind: "sign_in_failed", user: "bob" });
    expect(failed.items).toHaveLength(5);
    expect(failed.items[0]).toMatchObject({
      actor: "bob",
      clientIp: "192.0.2.2",
      method: "password",
      details: { reason: "credentials" },
    });
    expect(await newest({ kind: "sign_in_slowed", user: "bob" })).toMatchObject({
      clientIp: "192.0.2.2",
      method: "password",
    });
    // The name exactly as typed, even one that is no user.
    await signInWithPassword(server.url, new CookieJar(), "<script>mallory", "x", ip(3));
    expect(await newest({ kind: "sign_in_failed", user: "<script>mallory" })).toMatchObject({ clientIp: "192.0.2.3" });
  }, 120_000);

  it("records API token use and a refused API token", async () => {
    expect((await fetch(`${server.url}/api/summary`, { headers: { ...bearer, ...ip(4) } })).status).toBe(200);
    expect(
      (await fetch(`${server.url}/api/summary`, { headers: { authorization: "Bearer um_wrong", ...ip(5) } })).status,
    ).toBe(401);
    expect(await newest({ kind: "sign_in_succeeded", user: "ci-script" })).toMatchObject({
      method: "api_token",
      clientIp: "192.0.2.4",
    });
    expect(await newest({ kind: "sign_in_failed" })).toMatchObject({
      method: "api_token",
      clientIp: "192.0.2.5",
      actor: null,
    });
  }, 120_000);

  it("records each export (CSV, XLSX, retry list): who, which task, which filters, how many rows", async () => {
    const a = swResult();
    const b = swResult({ operationId: a.operationId, errorCode: "7" });
    const c = swResult({ operationId: a.operationId });
    for (const p of [a, b, c])
      expect((await post(server.url, p, { query: `?token=${CALLBACK_TOKEN}` })).status).toBe(200);
    const csv = await admin.fetch(`${server.url}/api/tasks/${a.operationId}/failed.csv?errorCode=5`, {
      headers: ip(1),
    });
    expect(csv.status).toBe(200);
    await csv.text();
    await expect
      .poll(async () => (await newest({ kind: "export", user: "alice" }))?.details)
      .toEqual({
        format: "csv",
        operationId: a.operationId,
        filters: { errorCode: "5" },
        rows: 2,
        complete: true,
      });
    expect(await newest({ kind: "export", user: "alice" })).toMatchObject({
      target: a.operationId,
      method: "session",
      clientIp: "192.0.2.1",
    });

    const all = await fetch(`${server.url}/api/failed.csv`, { headers: { ...bearer, ...ip(6) } });
    await all.text();
    const event = await newest({ kind: "export", user: "ci-script" });
    expect(event).toMatchObject({ target: "all tasks", method: "api_token", clientIp: "192.0.2.6" });
    expect(event?.details).toMatchObject({ format: "csv", operationId: null, rows: 3, complete: true });

    // The workbook and the retry list are exports too, recorded the same way with their own format.
    const xlsx = await admin.fetch(`${server.url}/api/tasks/${a.operationId}/failed.xlsx?errorCode=7`, {
      headers: ip(9),
    });
    expect(xlsx.status).toBe(200);
    await xlsx.arrayBuffer();
    await expect
      .poll(async () => (await newest({ kind: "export", user: "alice" }))?.details)
      .toEqual({
        format: "xlsx",
        operationId: a.operationId,
        filters: { errorCode: "7" },
        rows: 1,
        complete: true,
      });
    expect(await newest({ kind: "export", user: "alice" })).toMatchObject({
      target: a.operationId,
      method: "session",
      clientIp: "192.0.2.9",
    });

    const retry = await fetch(`${server.url}/api/tasks/${a.operationId}/retry.txt`, {
      headers: { ...bearer, ...ip(10) },
    });
    expect(retry.status).toBe(200);
    const lines = (await retry.text()).split(/\r?\n/).filter(Boolean);
    expect(lines.sort()).toEqual([a, b, c].map((p) => p.deviceId).sort());
    await expect
      .poll(async () => (await newest({ kind: "export", user: "ci-script" }))?.details)
      .toEqual({
        format: "txt",
        operationId: a.operationId,
        filters: {},
        rows: 3,
        complete: true,
      });
    expect(await newest({ kind: "export", user: "ci-script" })).toMatchObject({
      target: a.operationId,
      method: "api_token",
      clientIp: "192.0.2.10",
    });
  }, 120_000);

  it("records a refused callback token (never the token itself)", async () => {
    expect((await post(server.url, swResult(), { query: "?token=guess", headers: ip(7) })).status).toBe(401);
    const event = await newest({ kind: "callback_token_refused" });
    expect(event).toMatchObject({ clientIp: "192.0.2.7", target: "/api/callback" });
    expect(JSON.stringify(event)).not.toContain("guess");
  }, 120_000);

  it("records a sign-out", async () => {
    const jar = new CookieJar();
    await signInWithPassword(server.url, jar, "alice", PASSWORD, ip(8));
    await signOut(server.url, jar);
    expect(await newest({ kind: "sign_out" })).toMatchObject({ actor: "alice", method: "password" });
  }, 120_000);

  it("pages newest first with a keyset cursor, and filters by user, kind and time", async () => {
    const everything = await audit({ limit: "500" });
    const ids = everything.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditList = await audit({ limit: "3", ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await audit({ user: "bob", limit: "500" })).items.every((e) => e.actor === "bob")).toBe(true);
    expect((await audit({ kind: "export", limit: "500" })).items.every((e) => e.kind === "export")).toBe(true);
    expect((await audit({ from: "2099-01-01" })).items).toEqual([]);
    expect((await audit({ to: "2000-01-01" })).items).toEqual([]);
    expect((await audit({ from: "2000-01-01", to: "2099-01-01", limit: "500" })).items.length).toBe(ids.length);
  }, 120_000);

  it("refuses bad filters (400) and callers without a session or token (401)", async () => {
    const bad = await admin.fetch(`${server.url}/api/audit?kind=everything`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_query");
    expect((await admin.fetch(`${server.url}/api/audit?cursor=bm90LWEtY3Vyc29y`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/audit`)).status).toBe(401);
  }, 120_000);

  it("shows the trail on /audit, filtered by the URL", async () => {
    const res = await admin.fetch(`${server.url}/audit?kind=sign_in_failed&user=bob`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Audit trail");
    expect(html.match(/data-kind="sign_in_failed"/g)?.length).toBe(5);
    expect(html).not.toContain('data-kind="export"');
  }, 120_000);

  if (kind === "postgresql") {
    it("records a setting change written through the library", async () => {
      let db: Database | undefined;
      try {
        db = await openDatabase({ url: pg.url });
        setDb(db);
        await recordAuditEvent({
          kind: "setting_changed",
          actor: "alice",
          target: "alert_rule:7",
          details: { from: { threshold: 5 }, to: { threshold: 10 } },
        });
      } finally {
        setDb(undefined);
        await db?.close();
      }
      expect(await newest({ kind: "setting_changed" })).toMatchObject({
        actor: "alice",
        target: "alert_rule:7",
        details: { to: { threshold: 10 } },
      });
    });
  }
});
