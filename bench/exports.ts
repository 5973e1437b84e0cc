// bench/exports – the failed-devices exports at scale: CSV and XLSX of one task with N failed devices
// (default 100,000), downloaded in full, same run, same server: rows, bytes, time and the server's RSS
// growth while it streams. Run: npm run bench -- --only exports [--export-rows N] [--export-runs R]
import { unzipSync } from "fflate";
import pg from "pg";
import { openDatabase } from "@/lib/db/client";
import { createThrowawayDatabase, startServer } from "../tests/support/servers";
import { withRssSampling } from "./support/measure";

export interface ExportRow {
  format: "csv" | "xlsx";
  rows: number;
  bytes: number;
  ms: number[];
  rssGrowthMb: number[];
}

const OP = "bench-export-task";

/** N failed devices in one task: IMEI-like ids, codes with leading zeros, Chinese descriptions. */
async function load(url: string, n: number): Promise<void> {
  const db = await openDatabase({ url });
  await db.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO tasks (operation_id, kind, devices, failed, first_seen_at, last_seen_at) VALUES ($1, 'sw', $2, $2, now(), now())`,
      [OP, n],
    );
    await client.query(
      `INSERT INTO device_states (operation_id, device_id, kind, app_id, sub_operation_id, outcome, result, source_version, target_version,
         cur_version, error_code, description, result_desc, upgrade_time_raw, upgrade_at, result_at, result_received_at, attempts,
         failed_attempts, first_seen_at, last_seen_at)
       SELECT $1, '86853304' || lpad(i::text, 7, '0'), 'sw', 'Kp9XgT2wQe7vLm4sRb1nYc8uZa3d', md5(i::text), 'failed', 'FAIL', '1.10', 'V2.0.0',
         '1.10', lpad((i % 20)::text, 4, '0'),
         CASE WHEN i % 3 = 0 THEN '设备存储空间不足，升级失败' ELSE 'insufficient storage space, upgrade failed' END,
         'upgrade failed', '20261127T080000Z', ts, ts, ts + interval '1 second', 1 + i % 3, 1 + i % 3, ts, ts
       FROM generate_series(1, $2::int) AS i, LATERAL (SELECT timestamptz '2026-11-27 08:00:00+00' + i * interval '10 ms') AS t(ts)`,
      [OP, n],
    );
    await client.query(`ANALYZE device_states`);
  } finally {
    await client.end();
  }
}

function countRows(format: "csv" | "xlsx", body: Uint8Array): number {
  if (format === "csv") return new TextDecoder().decode(body).split("\r\n").filter(Boolean).length - 1;
  const sheet = new TextDecoder().decode(
    unzipSync(body, { filter: (f) => f.name === "xl/worksheets/sheet1.xml" })["xl/worksheets/sheet1.xml"]!,
  );
  return (sheet.match(/<row /g) ?? []).length - 1;
}

export async function benchExports(
  o: { rows: number; runs: number; port: number },
  log: (s: string) => void,
): Promise<ExportRow[]> {
  const db = await createThrowawayDatabase("um_bench_exports");
  const server = { current: undefined as Awaited<ReturnType<typeof startServer>> | undefined };
  try {
    log(`  loading ${o.rows} failed devices into PostgreSQL`);
    await load(db.url, o.rows);
    server.current = await startServer({ DATABASE_URL: db.url }, "custom", o.port);
    const pid = server.current.process.pid!;
    const out: ExportRow[] = [];
    for (const format of ["csv", "xlsx"] as const) {
      const url = `${server.current.url}/api/tasks/${OP}/failed.${format}`;
      // identity: measure the export, not Next's on-the-fly gzip (an .xlsx is a zip already).
      const get = async () =>
        new Uint8Array(await (await fetch(url, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
      const row: ExportRow = { format, rows: 0, bytes: 0, ms: [], rssGrowthMb: [] };
      const first = await get(); // warm-up, and the file whose rows are counted
      row.rows = countRows(format, first);
      row.bytes = first.byteLength;
      for (let i = 0; i < o.runs; i++) {
        const t0 = performance.now();
        const { baseline, peak } = await withRssSampling(pid, get);
        row.ms.push(Math.round(performance.now() - t0));
        row.rssGrowthMb.push(Math.round(((peak - baseline) / 2 ** 20) * 10) / 10);
      }
      if (row.rows !== o.rows) throw new Error(`${format}: ${row.rows} rows, expected ${o.rows}`);
      log(
        `  failed.${format.padEnd(4)} ${row.rows} rows, ${(row.bytes / 2 ** 20).toFixed(1)} MB  time ${row.ms.join(" / ")} ms  server RSS +${row.rssGrowthMb.join(" / ")} MB`,
      );
      out.push(row);
    }
    return out;
  } finally {
    await server.current?.stop();
    await db.drop();
  }
}
