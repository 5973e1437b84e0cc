import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_LIMITS } from "@/lib/auth/login-limiter";
import { openDatabase } from "@/lib/db/client";
import { Client } from "pg";
import {
  createThrowawayDatabase,
  freshPgliteDir,
  type RunningServer,
  type ThrowawayDatabase,
} from "../support/servers";
import { CookieJar } from "./support/cookie-jar";
import { PASSWORD, refusalCode, signInWithPassword, startAuthServerOn } from "./support/auth-server";

// Login limits are counted in the database, atomically: the review's 60 parallel guesses got 7 tries
// instead of 5. On both databases, since PGlite has no `pg` pool for rate-limiter-flexible's store.
// The back-off is set long (2 min) so that a loaded machine's slow requests never outlast it mid-test.
const BACKOFF = { TRUST_PROXY: "1", AUTH_LOGIN_BACKOFF_SECONDS: "120" };
let pg: ThrowawayDatabase;
const pgliteDir = freshPgliteDir();
const running: RunningServer[] = [];

beforeAll(async () => {
  pg = await createThrowawayDatabase("um_limits");
});
afterAll(async () => {
  for (const s of running) await s.stop();
  await pg?.drop();
});

describe.each([
  ["postgresql", () => ({ DATABASE_URL: pg.url })],
  ["pglite", () => ({ PGLITE_DIR: pgliteDir })],
])("login limits on %s", (kind, dbEnv) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startAuthServerOn(dbEnv(), ["alice", "bob"], BACKOFF);
    running.push(server);
  });
  afterAll(async () => {
    await server.stop();
    const i = running.indexOf(server);
    if (i >= 0) running.splice(i, 1);
  }, 120_000);

  it("lets exactly the free attempts through when 60 guesses arrive at once", async () => {
    const attacker = { "x-forwarded-for": "203.0.113.7" };
    const codes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        signInWithPassword(server.url, new CookieJar(), "alice", `guess ${i}`, attacker).then(refusalCode),
      ),
    );
    expect(codes.filter((c) => c === "credentials")).toHaveLength(LOGIN_LIMITS.perUserAddress.free);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(60 - LOGIN_LIMITS.perUserAddress.free);
    // The right password from the attacker's address is slowed too...
    expect(refusalCode(await signInWithPassword(server.url, new CookieJar(), "alice", PASSWORD, attacker))).toBe(
      "rate_limited",
    );
    // ...but the owner, elsewhere, is not locked out.
    const jar = new CookieJar();
    expect(
      refusalCode(await signInWithPassword(server.url, jar, "alice", PASSWORD, { "x-forwarded-for": "198.51.100.20" })),
    ).toBeNull();
    expect((await jar.fetch(`${server.url}/api/summary`)).status).toBe(200);
  }, 120_000);

  it("keeps the counts across a restart (they live in the database)", async () => {
    const ip = { "x-forwarded-for": "203.0.113.8" };
    for (let i = 0; i < LOGIN_LIMITS.perUserAddress.free; i++) {
      expect(refusalCode(await signInWithPassword(server.url, new CookieJar(), "bob", `guess ${i}`, ip))).toBe(
        "credentials",
      );
    }
    await server.stop();
    server = await startAuthServerOn(dbEnv(), ["alice", "bob"], BACKOFF);
    running[running.length - 1] = server;
    expect(refusalCode(await signInWithPassword(server.url, new CookieJar(), "bob", PASSWORD, ip))).toBe(
      "rate_limited",
    );
  }, 120_000);

  it("slows rather than refuses: once the wait is over, the owner gets in from the same address", async () => {
    const ip = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < LOGIN_LIMITS.perUserAddress.free; i++) {
      expect(refusalCode(await signInWithPassword(server.url, new CookieJar(), "alice", `typo ${i}`, ip))).toBe(
        "credentials",
      );
    }
    expect(refusalCode(await signInWithPassword(server.url, new CookieJar(), "alice", PASSWORD, ip))).toBe(
      "rate_limited",
    );
    if (kind !== "postgresql") return; // the clock is moved through a second connection, which PGlite does not have
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      // Let the back-off pass (the row's next allowed time is moved to now) rather than sleeping for it.
      const moved = await client.query("UPDATE login_throttle SET next_at = now() WHERE key = $1", [
        "u:alice|203.0.113.9",
      ]);
      expect(moved.rowCount).toBe(1);
    } finally {
      await client.end();
    }
    expect(refusalCode(await signInWithPassword(server.url, new CookieJar(), "alice", PASSWORD, ip))).toBeNull();
  }, 120_000);

  it(`records the outcomes in the audit trail (${kind})`, async () => {
    await server.stop(); // PGlite has one owner: the server must be gone before this process opens it
    const db = await openDatabase(kind === "postgresql" ? { url: pg.url } : { pgliteDir });
    try {
      const rows = await db.prisma.auditEvent.groupBy({
        by: ["kind"],
        where: { actor: "alice", clientIp: "203.0.113.7" },
        _count: true,
      });
      const counts = Object.fromEntries(rows.map((r) => [r.kind, r._count]));
      expect(counts).toEqual({
        sign_in_failed: LOGIN_LIMITS.perUserAddress.free,
        sign_in_slowed: 60 - LOGIN_LIMITS.perUserAddress.free + 1,
      });
      const typos = await db.prisma.auditEvent.count({
        where: { actor: "alice", clientIp: "203.0.113.9", kind: "sign_in_failed" },
      });
      expect(typos).toBe(LOGIN_LIMITS.perUserAddress.free);
      const ok = await db.prisma.auditEvent.findFirst({ where: { actor: "alice", kind: "sign_in_succeeded" } });
      expect(ok).toMatchObject({ clientIp: "198.51.100.20", method: "password" });
    } finally {
      await db.close();
    }
  }, 120_000);
});
