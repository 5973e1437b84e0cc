import pg from "pg";
import { RECOUNT } from "@/lib/projection/recount";
import { computeTruth, type UpgradePush } from "@/lib/simulator/campaign";

export interface StoreCheck {
  acknowledged: number;
  storedRows: number;
  expectedRows: number;
  missingAckedIds: number;
  deviceMismatches: string[];
  taskMismatches: string[];
  /** Precomputed task counters that differ from a recount from scratch. */
  counterMismatches: string[];
  ok: boolean;
}

/**
 * Independent check of what a run left in PostgreSQL: every push answered 200 is stored exactly
 * once, and device states and task counters equal a recount from the pushes themselves.
 */
/** What one push got back in the end: its HTTP status and, for a 200, the id it was stored under. */
export interface Ack {
  status: number | null;
  id?: number;
}

export function ackFromBody(a: { status: number; body: string } | undefined): Ack | undefined {
  return a && { status: a.status, id: a.status === 200 ? (JSON.parse(a.body) as { id: number }).id : undefined };
}

export async function verifyStore(
  databaseUrl: string,
  pushes: UpgradePush[],
  answers: (Ack | undefined)[],
): Promise<StoreCheck> {
  const acked = pushes.filter((_, i) => answers[i]?.status === 200);
  const ids = new Set<number>();
  for (const a of answers) if (a?.status === 200 && a.id !== undefined) ids.add(a.id);
  const truth = computeTruth(acked);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = Number((await client.query("SELECT count(*) AS n FROM notifications")).rows[0].n);
    const found = Number(
      (await client.query("SELECT count(*) AS n FROM notifications WHERE id = ANY($1::bigint[])", [[...ids]])).rows[0]
        .n,
    );
    const states = await client.query(
      `SELECT operation_id, device_id, outcome, attempts, failed_attempts, first_result FROM device_states`,
    );
    const deviceMismatches: string[] = [];
    for (const s of states.rows) {
      const t = truth.tasks[s.operation_id]?.byDevice[s.device_id];
      const got = `${s.outcome}/${s.attempts}/${s.failed_attempts}/${s.first_result}`;
      const want = t ? `${t.outcome}/${t.attempts}/${t.failedAttempts}/${t.firstResult}` : "absent";
      if (got !== want) deviceMismatches.push(`${s.operation_id}/${s.device_id}: stored ${got}, expected ${want}`);
    }
    if (states.rowCount !== truth.totals.devices)
      deviceMismatches.push(`device rows ${states.rowCount}, expected ${truth.totals.devices}`);
    const tasks = await client.query(
      `SELECT operation_id, devices, succeeded, failed, in_progress, notifications FROM tasks`,
    );
    const taskMismatches: string[] = [];
    for (const r of tasks.rows) {
      const t = truth.tasks[r.operation_id];
      const got = `${r.devices}/${r.succeeded}/${r.failed}/${r.in_progress}/${r.notifications}`;
      const want = t ? `${t.devices}/${t.succeeded}/${t.failed}/${t.inProgress}/${t.notifications}` : "absent";
      if (got !== want) taskMismatches.push(`${r.operation_id}: stored ${got}, expected ${want}`);
    }
    const counterMismatches = await compareCounters(client);
    const check = {
      acknowledged: acked.length,
      storedRows: rows,
      expectedRows: truth.totals.notifications,
      missingAckedIds: ids.size - found,
      deviceMismatches,
      taskMismatches,
      counterMismatches,
      ok: false,
    };
    check.ok =
      rows === truth.totals.notifications &&
      ids.size === rows &&
      found === ids.size &&
      deviceMismatches.length === 0 &&
      taskMismatches.length === 0 &&
      counterMismatches.length === 0;
    return check;
  } finally {
    await client.end();
  }
}

/** The counters the ingest kept incrementally against the same counters recounted from scratch. */
async function compareCounters(client: pg.Client): Promise<string[]> {
  const line = (r: { operation_id: string; facet: string; k1: string; k2: string; k3: string; n: number }) =>
    `${r.operation_id}|${r.facet}|${r.k1}|${r.k2}|${r.k3}=${r.n}`;
  const kept = new Set(
    (await client.query("SELECT operation_id, facet, k1, k2, k3, n FROM task_counters WHERE n <> 0")).rows.map(line),
  );
  const recount = new Set((await client.query(RECOUNT.sql)).rows.map(line));
  return [
    ...[...kept].filter((l) => !recount.has(l)).map((l) => `kept ${l}`),
    ...[...recount].filter((l) => !kept.has(l)).map((l) => `recount ${l}`),
  ];
}
