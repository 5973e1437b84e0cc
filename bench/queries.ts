// bench/queries – p50/p95 of every read API through HTTP against `npm start`'s server, each beside its
// anchor (the same statements in plain SQL, same run, same database), plus failed.csv time and server
// RSS growth and the dashboard pages in Chromium. PostgreSQL at full scale, PGlite at a smaller one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createThrowawayDatabase, startServer, type RunningServer } from "../tests/support/servers";
import { loadReadDataset, type LoadedDataset } from "./support/loader";
import { time, withRssSampling, type Latency } from "./support/measure";
import { measurePages, type PageTiming } from "./support/page-timings";
import { failedDevices, readCases, type CaseInputs, type RunSql } from "./support/read-cases";

export interface QueriesOptions {
  /** Result notifications loaded into PostgreSQL (state changes come on top). */
  results: number;
  /** Result notifications loaded into PGlite; 0 skips the embedded run. */
  pgliteResults: number;
  iterations: number;
  warmup: number;
  pages: boolean;
  /** An already loaded database to measure instead of loading a throwaway one (kept afterwards). */
  databaseUrl?: string;
  port: number;
}

export interface ReadRow {
  name: string;
  http: Latency;
  sql: Latency;
  /** http.p95 ÷ sql.p95 */
  ratio: number;
  ok: boolean;
}

export interface CsvRow {
  rows: number;
  bytes: number;
  httpMs: number[];
  sqlMs: number[];
  rssGrowthMb: number[];
  ok: boolean;
}

export interface QueriesReport {
  database: "postgresql" | "pglite";
  dataset: Partial<LoadedDataset> & { notifications: number; deviceStates: number; tasks: number };
  inputs: CaseInputs;
  rows: ReadRow[];
  csv: CsvRow;
  pages?: PageTiming[];
}

const P95_TARGET_MS = 100;
const RATIO_TARGET = 1.5;
const CSV_TARGET_MS = 3_000;
const RSS_TARGET_MB = 64;

export async function benchQueries(o: QueriesOptions, log: (s: string) => void): Promise<QueriesReport[]> {
  const reports = [await benchPostgres(o, log)];
  if (o.pgliteResults > 0) reports.push(await benchPglite(o, log));
  return reports;
}

async function benchPostgres(o: QueriesOptions, log: (s: string) => void): Promise<QueriesReport> {
  const db = o.databaseUrl
    ? { url: o.databaseUrl, drop: async () => {} }
    : await createThrowawayDatabase("um_bench_reads");
  let server: RunningServer | undefined;
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  try {
    let loaded: LoadedDataset | undefined;
    if (!o.databaseUrl) {
      log(`  loading ${o.results} result notifications into PostgreSQL`);
      loaded = await loadReadDataset({ url: db.url }, { results: o.results }, log);
      log(
        `  loaded ${loaded.notifications} notifications (${loaded.results} results), ${loaded.deviceStates} device states in ${loaded.seconds.toFixed(0)} s`,
      );
    }
    const q: RunSql = async (text, params) => (await pool.query(text, params)).rows;
    const inputs = await chooseInputs(q);
    server = await startServer({ DATABASE_URL: db.url }, "custom", o.port);
    return await measureAll("postgresql", server, q, inputs, await datasetSize(q, loaded), o, log);
  } finally {
    await server?.stop();
    await pool.end();
    await db.drop();
  }
}

async function benchPglite(o: QueriesOptions, log: (s: string) => void): Promise<QueriesReport> {
  const dir = mkdtempSync(path.join(tmpdir(), "um-bench-pglite-"));
  let server: RunningServer | undefined;
  try {
    log(`  loading ${o.pgliteResults} result notifications into PGlite`);
    const loaded = await loadReadDataset({ pgliteDir: dir }, { results: o.pgliteResults }, log);
    log(`  loaded ${loaded.notifications} notifications in ${loaded.seconds.toFixed(0)} s`);
    // PGlite admits one process per directory: the SQL anchors run first, in this process, then the server.
    const { PGlite } = await import("@electric-sql/pglite");
    const lite = await PGlite.create(dir);
    const q: RunSql = async (text, params) => (await lite.query<Record<string, unknown>>(text, params)).rows;
    const inputs = await chooseInputs(q);
    const size = await datasetSize(q, loaded);
    const sqlTimes = new Map<string, Latency>();
    for (const c of readCases(inputs)) sqlTimes.set(c.name, await time(() => c.sql(q), o.warmup, o.iterations));
    const csvSql = await timeRuns(() => failedDevices(q, inputs.largestTask), 3);
    await lite.close();
    server = await startServer({ PGLITE_DIR: dir }, "custom", o.port + 1);
    return await measureAll("pglite", server, null, inputs, size, o, log, sqlTimes, csvSql);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The measured objects: the largest task, a deep cursor in it, a device in several tasks. */
async function chooseInputs(q: RunSql): Promise<CaseInputs> {
  const [largest] = await q(`SELECT operation_id, devices FROM tasks ORDER BY devices DESC, operation_id LIMIT 1`);
  const op = largest!.operation_id as string;
  const [deep] = await q(
    `SELECT device_id FROM device_states WHERE operation_id = $1 ORDER BY device_id OFFSET $2 LIMIT 1`,
    [op, Math.floor(Number(largest!.devices) / 2)],
  );
  const [small] = await q(`SELECT operation_id FROM tasks ORDER BY devices, operation_id LIMIT 1`);
  const [device] = await q(`SELECT device_id FROM device_states WHERE operation_id = $1 ORDER BY device_id LIMIT 1`, [
    op,
  ]);
  return {
    largestTask: op,
    operationIdFilter: (small!.operation_id as string).slice(4, 12),
    deepCursorDeviceId: deep!.device_id as string,
    deviceId: device!.device_id as string,
  };
}

async function datasetSize(q: RunSql, loaded?: LoadedDataset): Promise<QueriesReport["dataset"]> {
  const [c] =
    await q(`SELECT (SELECT count(*) FROM notifications)::int AS notifications, (SELECT count(*) FROM device_states)::int AS "deviceStates",
    (SELECT count(*) FROM tasks)::int AS tasks`);
  return {
    ...loaded,
    notifications: c!.notifications as number,
    deviceStates: c!.deviceStates as number,
    tasks: c!.tasks as number,
  };
}

async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(Math.round(performance.now() - t0));
  }
  return out;
}

async function measureAll(
  database: QueriesReport["database"],
  server: RunningServer,
  q: RunSql | null,
  inputs: CaseInputs,
  dataset: QueriesReport["dataset"],
  o: QueriesOptions,
  log: (s: string) => void,
  sqlTimes?: Map<string, Latency>,
  csvSql?: number[],
): Promise<QueriesReport> {
  const get = async (p: string) => {
    const res = await fetch(`${server.url}${p}`);
    const body = await res.arrayBuffer();
    if (res.status !== 200)
      throw new Error(`GET ${p} → ${res.status}: ${Buffer.from(body).toString("utf8").slice(0, 300)}`);
    return body.byteLength;
  };
  const rows: ReadRow[] = [];
  for (const c of readCases(inputs)) {
    const http = await time(() => get(c.path), o.warmup, o.iterations);
    const sql = sqlTimes?.get(c.name) ?? (await time(() => c.sql(q!), o.warmup, o.iterations));
    const ratio = Math.round((http.p95 / sql.p95) * 100) / 100;
    const row = { name: c.name, http, sql, ratio, ok: http.p95 < P95_TARGET_MS && ratio <= RATIO_TARGET };
    rows.push(row);
    log(
      `  ${c.name.padEnd(28)} http p50 ${fmt(http.p50)} p95 ${fmt(http.p95)}   sql p50 ${fmt(sql.p50)} p95 ${fmt(sql.p95)}   ×${ratio.toFixed(2)} ${row.ok ? "ok" : "MISSED"}`,
    );
  }

  // failed.csv of the largest task: whole download, and the server's RSS growth while it streams.
  const csvPath = `/api/tasks/${encodeURIComponent(inputs.largestTask)}/failed.csv`;
  await get(csvPath);
  const csv: CsvRow = { rows: 0, bytes: 0, httpMs: [], sqlMs: csvSql ?? [], rssGrowthMb: [], ok: false };
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { value: bytes, baseline, peak } = await withRssSampling(server.process.pid!, () => get(csvPath));
    csv.httpMs.push(Math.round(performance.now() - t0));
    csv.bytes = bytes;
    csv.rssGrowthMb.push(Math.round(((peak - baseline) / 2 ** 20) * 10) / 10);
  }
  if (!csvSql) csv.sqlMs = await timeRuns(() => failedDevices(q!, inputs.largestTask), 3);
  csv.rows = (await (await fetch(`${server.url}${csvPath}`)).text()).split("\r\n").filter(Boolean).length - 1;
  csv.ok = Math.max(...csv.httpMs) < CSV_TARGET_MS && Math.max(...csv.rssGrowthMb) < RSS_TARGET_MB;
  log(
    `  failed.csv (${csv.rows} rows, ${(csv.bytes / 2 ** 20).toFixed(1)} MB)  http ${csv.httpMs.join("/")} ms  sql ${csv.sqlMs.join("/")} ms  RSS +${csv.rssGrowthMb.join("/")} MB ${csv.ok ? "ok" : "MISSED"}`,
  );

  let pages: PageTiming[] | undefined;
  if (o.pages) {
    pages = await measurePages(server.url, inputs.largestTask);
    for (const p of pages)
      log(
        `  page ${p.name.padEnd(22)} first ${p.coldMs} ms, then p50 ${fmt(p.warm.p50)} p95 ${fmt(p.warm.p95)} ${p.warm.p95 < 1000 ? "ok" : "MISSED"}`,
      );
  }
  return { database, dataset, inputs, rows, csv, pages };
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;
