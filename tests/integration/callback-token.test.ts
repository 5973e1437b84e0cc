import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { connect } from "../support/db";
import { createThrowawayDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import { post, swResult } from "../fixtures/pushes";

// A server of its own, started with CALLBACK_TOKEN set.
const TOKEN = "s3cret+token/with=&chars";
let server: RunningServer;
let throwaway: ThrowawayDatabase;
let db: Database;

beforeAll(async () => {
  throwaway = await createThrowawayDatabase("um_token");
  server = await startServer({ DATABASE_URL: throwaway.url, CALLBACK_TOKEN: TOKEN });
  db = await connect(throwaway.url);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
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
    expect(await db.prisma.notification.count({ where: { id: { in: [q.json.id as number, h.json.id as number] } } })).toBe(2);
  });

  it("leaves /api/health open", async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
