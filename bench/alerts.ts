// bench/alerts – ingest throughput of `npm start` on PostgreSQL with 20 active alert rules vs none.
// The evaluator reads the projections after the ingest commits, on its own loop, so the two should
// be within noise. Rounds alternate (none, rules, none, rules) so machine drift hits both sides.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createThrowawayDatabase, startServer } from "../tests/support/servers";
import { campaignPushes, line, type IngestRow } from "./ingest";
import { runLoad } from "./support/load";

export interface AlertsBenchOptions {
  count: number;
  connections: number;
  rounds: number;
}

const RULES = (channelId: number) => [
  ...Array.from({ length: 8 }, (_, i) => ({
    name: `rate ${i}`,
    kind: "failure_rate",
    threshold: 0.05 + i * 0.05,
    minResults: 20,
    channelIds: [channelId],
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    name: `code ${i}`,
    kind: "error_code",
    minDevices: 5 + i * 10,
    channelIds: [channelId],
  })),
  ...Array.from({ length: 3 }, (_, i) => ({
    name: `stale ${i}`,
    kind: "stale_devices",
    minDevices: 10,
    minutes: 1 + i,
    channelIds: [channelId],
  })),
  { name: "silence", kind: "callback_silence", minutes: 5, channelIds: [channelId] },
  { name: "spike", kind: "quarantine_spike", minRequests: 50, minutes: 5, channelIds: [channelId] },
  { name: "rate match", kind: "failure_rate", threshold: 0.1, minResults: 10, match: "0", channelIds: [channelId] },
];

export async function benchAlerts(
  opts: AlertsBenchOptions,
  log: (s: string) => void,
): Promise<{ rows: IngestRow[]; firings: number[] }> {
  const bodies = campaignPushes(opts.count, "bench-alerts").map((p) => JSON.stringify(p));
  const warm = campaignPushes(1_000, "bench-alerts-warm").map((p) =>
    JSON.stringify({ ...p, operationId: `warm-${p.operationId}` }),
  );
  let received = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received += 1;
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => sink.listen(0, "127.0.0.1", r));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
  const rows: IngestRow[] = [];
  const firings: number[] = [];
  try {
    for (let round = 0; round < opts.rounds * 2; round++) {
      const withRules = round % 2 === 1;
      const db = await createThrowawayDatabase("um_bench_alerts");
      const server = await startServer({ DATABASE_URL: db.url });
      try {
        await runLoad(`${server.url}/api/callback`, warm, 10);
        if (withRules) {
          const post = (path: string, body: unknown) =>
            fetch(`${server.url}${path}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(body),
            }).then((r) => r.json() as Promise<{ id: number }>);
          const channel = await post("/api/alerts/channels", { name: "sink", type: "slack", url: sinkUrl });
          for (const rule of RULES(channel.id)) await post("/api/alerts/rules", rule);
        }
        const before = received;
        const r = await runLoad(`${server.url}/api/callback`, bodies, opts.connections);
        const row: IngestRow = {
          name: `${withRules ? "20 active rules" : "no rules"} (round ${Math.floor(round / 2) + 1})`,
          perSecond: r.perSecond,
          latencyMs: r.latencyMs,
          byStatus: r.byStatus,
          errors: r.errors,
        };
        rows.push(row);
        log(line(row));
        if (withRules) {
          await new Promise((res) => setTimeout(res, 4_000));
          firings.push(received - before);
          log(`  deliveries received within 4 s of the load: ${received - before}`);
        }
      } finally {
        await server.stop();
        await db.drop();
      }
    }
  } finally {
    sink.close();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const none = mean(rows.filter((r) => r.name.startsWith("no rules")).map((r) => r.perSecond));
  const some = mean(rows.filter((r) => r.name.startsWith("20")).map((r) => r.perSecond));
  log(`mean: no rules ${none.toFixed(0)}/s, 20 rules ${some.toFixed(0)}/s (×${(some / none).toFixed(3)})`);
  return { rows, firings };
}
