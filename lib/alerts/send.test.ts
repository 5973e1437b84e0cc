import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AlertMessage } from "./message";
import { sendToChannel } from "./send";

// A real receiver that takes the message (200) but then streams its answer: one that never ends, and
// one far larger than what the delivery row keeps.
const open = new Set<ServerResponse>();
let server: Server;
let base = "";
let bigWritten = 0;
const BIG = 64 * 1024 * 1024;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/plain" });
      if (req.url === "/endless") {
        res.write("accepted; more follows");
        open.add(res);
        return;
      }
      const chunk = Buffer.alloc(64 * 1024, "y");
      const pump = () => {
        while (bigWritten < BIG) {
          bigWritten += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const m: AlertMessage = {
  event: "alert.fired",
  rule: { id: 1, name: "r", kind: "failure_rate" },
  operationId: "op",
  figures: {},
  url: null,
  at: "2026-11-29T10:00:00.000Z",
};
const target = (path: string) => ({
  id: 1,
  type: "slack" as const,
  url: `${base}${path}`,
  secret: null,
  recipients: [],
});

it("a 200 whose answer never ends is delivered (not retried, which would send it twice)", async () => {
  const out = await sendToChannel(target("/endless"), m, 4_000);
  expect(out).toMatchObject({ ok: true, retryable: false, status: 200 });
  expect(out.answer).toMatch(/^accepted; more follows/);
});

it("a huge answer is cut at what is kept, without reading it all", async () => {
  const out = await sendToChannel(target("/big"), m, 10_000);
  expect(out).toMatchObject({ ok: true, status: 200 });
  expect(out.answer.length).toBeLessThanOrEqual(1_001);
  expect(bigWritten).toBeLessThan(BIG);
});
