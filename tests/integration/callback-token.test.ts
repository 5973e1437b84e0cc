import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { connect } from "../support/db";
import {
  createThrowawayDatabase,
  freshPgliteDir,
  startProcess,
  startServer,
  type RunningServer,
  type ThrowawayDatabase,
  START_ARGS,
} from "../support/servers";
import { post, swResult } from "../fixtures/pushes";

// Servers of their own, started with CALLBACK_TOKEN set: PostgreSQL behind `npm start`'s lean
// path, PGlite behind `next start`'s route handler.
const TOKEN = "s3cret+token/with=&chars";
// What `openssl rand -base64 24` prints: the README says to paste it into ?token= as is.
const BASE64 = "q3+Zk/8vYw2Lr+0aPq9T/xX1mN4b7cD=";
let server: RunningServer;
let pgliteServer: RunningServer;
let throwaway: ThrowawayDatabase;
let db: Database;

beforeAll(async () => {
  throwaway = await createThrowawayDatabase("um_token");
  [server, pgliteServer] = await Promise.all([
    startServer({ DATABASE_URL: throwaway.url, CALLBACK_TOKEN: TOKEN }),
    startServer({ PGLITE_DIR: freshPgliteDir(), CALLBACK_TOKEN: BASE64 }, "next"),
  ]);
  db = await connect(throwaway.url);
});
afterAll(async () => {
  await db?.close();
  await Promise.all([server?.stop(), pgliteServer?.stop()]);
  await throwaway?.drop();
});

describe("CALLBACK_TOKEN", () => {
  it.each([
    ["no token", {}],
    ["a wrong ?token=", { query: "?token=nope" }],
    ["a wrong bearer", { headers: { authorization: "Bearer nope" } }],
    ["a token prefix", { query: `?token=${encodeURIComponent(TOKEN.slice(0, -1))}` }],
    ["a Basic header", { headers: { authorization: `Basic ${TOKEN}` } }],
  ])("refuses %s with 401 and stores nothing", async (_name, init) => {
    const before = await db.prisma.notification.count();
    const quarantined = await db.prisma.quarantinedRequest.count();
    const res = await post(server.url, swResult(), init);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(await db.prisma.notification.count()).toBe(before);
    expect(await db.prisma.quarantinedRequest.count()).toBe(quarantined);
  });

  it("accepts the token as ?token= and as a Bearer header", async () => {
    const q = await post(server.url, swResult(), { query: `?token=${encodeURIComponent(TOKEN)}` });
    const h = await post(server.url, swResult(), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect([q.status, h.status]).toEqual([200, 200]);
    expect(
      await db.prisma.notification.count({ where: { id: { in: [q.json.id as number, h.json.id as number] } } }),
    ).toBe(2);
  });

  it.each([
    ["pasted as is", `?token=${BASE64}`, 200],
    ["percent-encoded", `?token=${encodeURIComponent(BASE64)}`, 200],
    ["after another parameter", `?x=1&token=${BASE64}`, 200],
    ["with one character wrong", `?token=${BASE64.replace("q", "Q")}`, 401],
  ])("a base64 token (+, /, =) %s in the URL → %i, on PGlite / next start", async (_n, query, status) => {
    expect((await post(pgliteServer.url, swResult(), { query })).status).toBe(status);
  });

  it("accepts a base64 token pasted as is on the lean path too", async () => {
    const lean = await startServer({ DATABASE_URL: throwaway.url, CALLBACK_TOKEN: BASE64 });
    try {
      expect((await post(lean.url, swResult(), { query: `?token=${BASE64}` })).status).toBe(200);
      expect((await post(lean.url, swResult(), { query: `?token=${encodeURIComponent(BASE64)}` })).status).toBe(200);
      // The raw query is what this path compares: a + someone's encoder turned into %20 is not the token.
      expect((await post(lean.url, swResult(), { query: `?token=${BASE64.replaceAll("+", "%20")}` })).status).toBe(401);
    } finally {
      await lean.stop();
    }
  });

  it("refuses to start with a token shorter than 16 characters, naming the variable but not the value", async () => {
    const short = "abc+def/123=";
    const attempt = startProcess(START_ARGS, {
      url: "http://127.0.0.1:3312",
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: "3312",
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: throwaway.url,
        PGLITE_DIR: undefined,
        CALLBACK_TOKEN: short,
      },
    });
    const err = (await attempt.then(
      async (s) => (await s.stop(), null),
      (e: unknown) => e,
    )) as Error | null;
    expect(err?.message).toContain("server exited early");
    expect(err?.message).toContain("CALLBACK_TOKEN");
    expect(err?.message).toContain("at least 16 characters");
    expect(err?.message).not.toContain(short);
  });

  it("leaves /api/health open", async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
