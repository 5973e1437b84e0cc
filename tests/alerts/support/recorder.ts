import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  n: number;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the recorder answered: a status, or "hang" (never answered). */
  answer: number | "hang";
}

export type Behaviour = (n: number, body: string) => number | "hang";

/**
 * A real HTTP receiver for alert deliveries: records every request and answers as told (a status
 * code, or "hang" to hold the connection open until the sender gives up).
 */
export async function startRecorder(behaviour: Behaviour = () => 200) {
  const requests: Recorded[] = [];
  const hanging = new Set<ServerResponse>();
  let decide = behaviour;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const n = requests.length + 1;
      const answer = decide(n, body);
      requests.push({ n, url: req.url ?? "", headers: req.headers, body, answer });
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { "content-type": "application/json" }).end(JSON.stringify({ received: n, errcode: 0 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setBehaviour: (b: Behaviour) => void (decide = b),
    /** Requests whose JSON body has this event, answered 2xx. */
    delivered: (event: string) =>
      requests.filter((r) => typeof r.answer === "number" && r.answer < 300 && r.body.includes(`"${event}"`)),
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type Recorder = Awaited<ReturnType<typeof startRecorder>>;

/** Polls until `check` returns a truthy value or the time is up. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
