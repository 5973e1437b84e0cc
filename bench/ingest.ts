// bench/ingest – pushes/s and latency of POST /api/callback on PostgreSQL, against two anchors
// measured in the same run: (a) bare node:http + one pg INSERT per push, (b) a no-op Next route.
import { generateCampaign, type UpgradePush } from "@/lib/simulator/campaign";
import { isResultPush } from "@/lib/simulator/types";
import { waitForProjection } from "../tests/support/projection";
import { createThrowawayDatabase, startServer, type RunningServer, type ServerMode } from "../tests/support/servers";
import { startBarePg, startNextNoop } from "./support/anchors";
import { runLoad, type LoadResult } from "./support/load";
import { ackFromBody, verifyStore, type StoreCheck } from "./support/verify-store";

export interface IngestOptions {
  count: number;
  connections: number;
  instances: number;
}

export interface IngestRow {
  name: string;
  perSecond: number;
  latencyMs: LoadResult["latencyMs"];
  byStatus: Record<string, number>;
  errors: number;
  check?: StoreCheck;
}

/**
 * `count` result pushes of realistic campaigns: retries, repeats, out-of-order arrivals. Results only
 * (as the benchmark asks): a device's state changes carry no time, so fifty senders racing one
 * device's state change past its result would change what "right" means for that device.
 */
export function campaignPushes(count: number, seed: string): UpgradePush[] {
  const tasks = Math.max(4, Math.round(count / 5_000));
  const devicesPerTask = Math.ceil(count / tasks);
  const { pushes } = generateCampaign({ tasks, devicesPerTask, seed, failRate: 0.2 });
  return pushes.filter(isResultPush).slice(0, count);
}

// Warm-up on throwaway content so JIT and pools are hot; each target gets the same treatment.
async function warmUp(url: string, name: string, connections: number) {
  const warm = campaignPushes(2_000, `warm-${name}`).map((p) =>
    JSON.stringify({ ...p, operationId: `warm-${p.operationId}` }),
  );
  await runLoad(url, warm, Math.min(connections, 10));
}

async function measure(
  name: string,
  servers: RunningServer[],
  path: string,
  bodies: string[],
  connections: number,
): Promise<{ row: IngestRow; answers: LoadResult["answers"] }> {
  const parts = servers.map((s, k) => ({
    url: `${s.url}${path}`,
    idx: bodies.map((_, i) => i).filter((i) => i % servers.length === k),
  }));
  const started = Date.now();
  const results = await Promise.all(
    parts.map((p) =>
      runLoad(
        p.url,
        p.idx.map((i) => bodies[i]!),
        Math.ceil(connections / servers.length),
      ),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  const answers: LoadResult["answers"] = new Array(bodies.length);
  parts.forEach((p, k) => p.idx.forEach((i, j) => (answers[i] = results[k]!.answers[j])));
  const byStatus: Record<string, number> = {};
  for (const r of results) for (const [s, n] of Object.entries(r.byStatus)) byStatus[s] = (byStatus[s] ?? 0) + n;
  const worst = results.reduce((a, b) => (a.latencyMs.p99 >= b.latencyMs.p99 ? a : b));
  const answered = answers.filter(Boolean).length;
  return {
    row: {
      name,
      perSecond: answered / seconds,
      latencyMs: worst.latencyMs,
      byStatus,
      errors: results.reduce((n, r) => n + r.errors, 0),
    },
    answers,
  };
}

export async function benchIngest(opts: IngestOptions, log: (s: string) => void): Promise<IngestRow[]> {
  const pushes = campaignPushes(opts.count, "bench-ingest");
  const bodies = pushes.map((p) => JSON.stringify(p));
  const rows: IngestRow[] = [];
  const ours = async (name: string, mode: ServerMode, instances: number) => {
    const db = await createThrowawayDatabase("um_bench");
    const servers = await Promise.all(
      Array.from({ length: instances }, () => startServer({ DATABASE_URL: db.url }, mode)),
    );
    try {
      await fetch(`${servers[0]!.url}/api/health`);
      const { row, answers } = await measureAfterReset(name, servers, db.url, bodies, opts.connections);
      await waitForProjection(servers[0]!.url, 120_000);
      row.check = await verifyStore(db.url, pushes, answers.map(ackFromBody));
      rows.push(row);
      log(line(row));
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await db.drop();
    }
  };
  await ours(
    `upgrade-monitor (npm start, ${opts.instances} instance${opts.instances > 1 ? "s" : ""})`,
    "custom",
    opts.instances,
  );
  await ours("upgrade-monitor route handler (next start)", "next", 1);

  const anchorDb = await createThrowawayDatabase("um_bench_anchor");
  const bare = await startBarePg(anchorDb.url, 3391);
  try {
    await warmUp(bare.url, "a", opts.connections);
    const { row } = await measure("anchor (a): node:http + pg INSERT", [bare], "/", bodies, opts.connections);
    rows.push(row);
    log(line(row));
  } finally {
    await bare.stop();
    await anchorDb.drop();
  }
  const noop = await startNextNoop(3392);
  try {
    await warmUp(`${noop.url}/api/noop`, "b", opts.connections);
    const { row } = await measure("anchor (b): no-op Next route", [noop], "/api/noop", bodies, opts.connections);
    rows.push(row);
    log(line(row));
  } finally {
    await noop.stop();
  }
  return rows;
}

// The warm-up writes rows too; clear them so the check sees only the measured run.
async function measureAfterReset(
  name: string,
  servers: RunningServer[],
  dbUrl: string,
  bodies: string[],
  connections: number,
) {
  const pg = (await import("pg")).default;
  await warmUp(`${servers[0]!.url}/api/callback`, name, connections);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  // Let the projector finish the warm-up first: a fold in flight would write views after the truncate.
  while (Number((await c.query("SELECT COUNT(*) AS n FROM projection_pending")).rows[0].n) > 0)
    await new Promise((r) => setTimeout(r, 50));
  await c.query(
    "TRUNCATE notifications, projection_pending, device_states, tasks, task_versions, task_counters, fleet_devices RESTART IDENTITY",
  );
  await c.end();
  return measure(name, servers, "/api/callback", bodies, connections);
}

export function line(r: IngestRow): string {
  const l = r.latencyMs;
  const check = r.check ? ` check=${r.check.ok ? "ok" : "FAILED"}` : "";
  return `${r.name.padEnd(48)} ${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${l.p50} p90 ${l.p90} p97.5 ${l.p97_5} p99 ${l.p99} ms  ${JSON.stringify(r.byStatus)}${check}`;
}
