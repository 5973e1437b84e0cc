// bench/projection – log-first ingest end to end: acknowledged AND folded into the views. Two runs
// on PostgreSQL behind `npm start`: a sustained one (as many pushes as anchor (a) acknowledges in
// `seconds`, sent at full speed, so the projector must keep up with the fastest ingest we have) and a
// burst (`burst` pushes, then the time until the views have caught up). The projection lag is sampled
// every 100 ms as the age of the oldest unfolded push: an upper bound of every push's own lag.
import pg from "pg";
import { createThrowawayDatabase, startServer } from "../tests/support/servers";
import { campaignPushes } from "./ingest";
import { runLoad } from "./support/load";
import { ackFromBody, verifyStore, type StoreCheck } from "./support/verify-store";

export interface EndToEndRow {
  name: string;
  pushes: number;
  /** Acknowledged pushes per second (last 200 answer). */
  ackPerSecond: number;
  /** Pushes per second until the last one was folded. */
  projectedPerSecond: number;
  /** After the last acknowledgement, until nothing was pending. */
  catchUpSeconds: number;
  lagSeconds: { p50: number; p99: number; max: number };
  ackLatencyP99Ms: number;
  byStatus: Record<string, number>;
  check: StoreCheck;
}

const pct = (xs: number[], p: number) =>
  xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function run(name: string, count: number, connections: number, seed: string): Promise<EndToEndRow> {
  const pushes = campaignPushes(count, seed);
  const bodies = pushes.map((p) => JSON.stringify(p));
  const db = await createThrowawayDatabase("um_bench_e2e");
  const server = await startServer({ DATABASE_URL: db.url });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const lag: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await client.query<{ lag: number }>(
          "SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - MIN(received_at)), 0)::float8 AS lag FROM projection_pending",
        );
        lag.push(rows[0]!.lag);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = Date.now();
    const load = await runLoad(`${server.url}/api/callback`, bodies, connections);
    const ackedAt = Date.now();
    for (;;) {
      const { rows } = await client.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM projection_pending");
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const projectedAt = Date.now();
    sampling = false;
    await sampler;
    const check = await verifyStore(db.url, pushes, load.answers.map(ackFromBody));
    return {
      name,
      pushes: count,
      ackPerSecond: count / ((ackedAt - started) / 1000),
      projectedPerSecond: count / ((projectedAt - started) / 1000),
      catchUpSeconds: (projectedAt - ackedAt) / 1000,
      lagSeconds: { p50: pct(lag, 0.5), p99: pct(lag, 0.99), max: Math.max(0, ...lag) },
      ackLatencyP99Ms: load.latencyMs.p99,
      byStatus: load.byStatus,
      check,
    };
  } finally {
    await client.end();
    await server.stop();
    await db.drop();
  }
}

export async function benchEndToEnd(
  opts: { anchorPerSecond: number; seconds: number; burst: number; connections: number },
  log: (s: string) => void,
): Promise<EndToEndRow[]> {
  const rows: EndToEndRow[] = [];
  const sustained = Math.max(10_000, Math.round(opts.anchorPerSecond * opts.seconds));
  for (const [name, count] of [
    [`sustained (${sustained} pushes ≈ ${opts.seconds} s of anchor (a))`, sustained],
    [`burst of ${opts.burst}`, opts.burst],
  ] as const) {
    const row = await run(name, count, opts.connections, `bench-e2e-${count}`);
    rows.push(row);
    log(
      `${row.name.padEnd(48)} ack ${row.ackPerSecond.toFixed(0)}/s  acked+projected ${row.projectedPerSecond.toFixed(0)}/s  ` +
        `catch-up ${row.catchUpSeconds.toFixed(2)} s  lag p50 ${row.lagSeconds.p50.toFixed(3)} p99 ${row.lagSeconds.p99.toFixed(3)} max ${row.lagSeconds.max.toFixed(3)} s  ` +
        `ack p99 ${row.ackLatencyP99Ms} ms  ${JSON.stringify(row.byStatus)} check=${row.check.ok ? "ok" : "FAILED"}`,
    );
  }
  return rows;
}
