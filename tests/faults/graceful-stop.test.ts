import net from "node:net";
import { afterAll, expect, it } from "vitest";
import { swState } from "../fixtures/pushes";
import { createThrowawayDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import { sleep } from "./support";

let db: ThrowawayDatabase;
let server: RunningServer;
afterAll(async () => {
  await server?.stop("SIGKILL");
  await db?.drop();
});

/** A push whose body trickles in over ~1.5 s: still in flight when the signal lands. */
function slowPush(url: string) {
  const body = JSON.stringify(swState());
  return new Promise<string>((resolve, reject) => {
    const u = new URL(url);
    const socket = net.connect(Number(u.port), u.hostname, async () => {
      socket.write(`POST /api/callback HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      for (let i = 0; i < 5; i++) {
        await sleep(300);
        socket.write(body.slice((i * body.length) / 5, ((i + 1) * body.length) / 5));
      }
    });
    let got = "";
    socket.on("data", (d) => (got += d));
    socket.on("close", () => resolve(got.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
  });
}

it("SIGTERM: in-flight requests finish, new connections are refused, the process exits within 10 s", async () => {
  db = await createThrowawayDatabase("um_fault_term");
  server = await startServer({ DATABASE_URL: db.url }, "custom");
  const inFlight = slowPush(server.url);
  await sleep(400);
  const exited = new Promise<number>((resolve) => {
    const t0 = Date.now();
    server.process.once("exit", () => resolve(Date.now() - t0));
  });
  server.process.kill("SIGTERM");
  await sleep(300);
  const refused = await fetch(`${server.url}/api/health`).then(() => "answered", (err: Error) => String((err.cause as { code?: string })?.code ?? err.message));
  const head = await inFlight;
  const exitMs = await exited;
  console.log(`[faults] SIGTERM: in-flight answered "${head}", new request ${refused}, exit after ${exitMs} ms`);
  expect(head).toBe("HTTP/1.1 200 OK");
  expect(refused).toBe("ECONNREFUSED");
  expect(exitMs).toBeLessThan(10_000);
});
