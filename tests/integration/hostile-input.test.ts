import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { connect } from "../support/db";
import { hostileCorpus, type HostileCase } from "../fixtures/hostile-corpus";
import { post, swResult, swState } from "../fixtures/pushes";

// Each bad request gets its documented answer, lands in quarantine where the contract says so,
// and the app stays up and correct for the next valid push.
const corpus = hostileCorpus();
let db: Database;
beforeAll(async () => {
  db = await connect(inject("pgDatabaseUrl"));
});
afterAll(async () => db?.close());

async function send(base: string, c: HostileCase) {
  const headers: Record<string, string> = {};
  if (c.contentType !== null) headers["content-type"] = c.contentType ?? "application/json";
  const res = await fetch(`${base}/api/callback`, { method: c.method ?? "POST", headers, body: c.body });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as { status?: string; error?: { code: string; message: string } }) : null,
  };
}

describe("the hostile-input corpus", () => {
  it("has at least 60 requests", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
  });

  describe.each([
    ["PostgreSQL, lean path", () => inject("pgServerUrl")],
    ["PGlite, route handler", () => inject("pgliteServerUrl")],
  ])("%s", (_name, base) => {
    it.each(corpus.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
      const res = await send(base(), c);
      expect(res.status).toBe(c.status);
      if (c.code)
        expect(res.json?.error).toEqual(expect.objectContaining({ code: c.code, message: expect.any(String) }));
      if (c.status === 200) expect(res.json?.status).toMatch(/^(stored|duplicate)$/);
    });

    it("still stores the next valid push and reports healthy", async () => {
      expect((await post(base(), swResult())).json.status).toBe("stored");
      expect((await fetch(`${base()}/api/health`)).status).toBe(200);
    });
  });

  it("quarantines exactly the refused requests, with their reasons (PostgreSQL)", async () => {
    const before = await db.prisma.quarantinedRequest.count();
    for (const c of corpus) await send(inject("pgServerUrl"), c);
    const rows = await db.prisma.quarantinedRequest.findMany({
      where: { id: { gt: 0 } },
      orderBy: { id: "desc" },
      take: corpus.filter((c) => c.quarantined).length,
    });
    expect(await db.prisma.quarantinedRequest.count()).toBe(before + corpus.filter((c) => c.quarantined).length);
    expect(rows.map((r) => r.reason).reverse()).toEqual(corpus.filter((c) => c.quarantined).map((c) => c.code));
    // The SQL in the stored pushes was data, not code.
    expect(await db.prisma.notification.count()).toBeGreaterThan(0);
    expect(await db.prisma.task.count()).toBeGreaterThan(0);
  });

  it("keeps __proto__ keys as data without polluting anything", async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const res = await send(
      inject("pgServerUrl"),
      corpus.find((c) => c.name.startsWith("__proto__"))!,
    );
    const row = await db.prisma.notification.findFirstOrThrow({
      where: { rawBody: { contains: '"__proto__":{"polluted":true}' } },
    });
    expect(res.status).toBe(200);
    expect(row.kind).toBe("software");
  });
});

describe("slow senders (lean path)", () => {
  const rawRequest = (base: string, parts: { data: string; delayMs: number }[], totalLength: number) =>
    new Promise<{ head: string; ms: number }>((resolve, reject) => {
      const url = new URL(base);
      const started = Date.now();
      const socket = net.connect(Number(url.port), url.hostname, async () => {
        socket.write(
          `POST /api/callback HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${totalLength}\r\n\r\n`,
        );
        for (const p of parts) {
          await new Promise((r) => setTimeout(r, p.delayMs));
          if (!socket.destroyed) socket.write(p.data);
        }
      });
      let got = "";
      socket.on("data", (d) => (got += d));
      socket.on("close", () => resolve({ head: got.split("\r\n")[0] ?? "", ms: Date.now() - started }));
      socket.on("error", reject);
      socket.setTimeout(30_000, () => socket.destroy());
      socket.on("data", () => got.includes("\r\n\r\n") && got.includes("}") && socket.end());
    });

  it("stores a push trickled byte-group by byte-group over two seconds", async () => {
    const body = JSON.stringify(swState());
    const parts = Array.from({ length: 10 }, (_, i) => ({
      data: body.slice((i * body.length) / 10, ((i + 1) * body.length) / 10),
      delayMs: 200,
    }));
    const res = await rawRequest(inject("pgServerUrl"), parts, Buffer.byteLength(body));
    expect(res.head).toBe("HTTP/1.1 200 OK");
  });

  it("cuts off a sender that stalls mid-body within the request timeout", async () => {
    const res = await rawRequest(inject("pgServerUrl"), [{ data: '{"notifyType":', delayMs: 10 }], 500);
    expect(res.ms).toBeLessThan(15_000);
    expect(res.head).not.toBe("HTTP/1.1 200 OK");
  });
});
