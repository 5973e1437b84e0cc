// The read APIs the benchmark measures, each with its anchor: the same statements the API's lib/queries
// function sends, in the same order (and the same parallelism), written as plain SQL for `pg` or PGlite.
// Keep these in step with lib/queries when a query changes.

/** Runs one statement and returns its rows (a pg Pool or a PGlite instance behind it). */
export type RunSql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface ReadCase {
  name: string;
  /** Path (with query) of the HTTP API. */
  path: string;
  sql: (q: RunSql) => Promise<unknown>;
}

export interface CaseInputs {
  largestTask: string;
  /** A substring of one operationId, for the filtered task list. */
  operationIdFilter: string;
  deepCursorDeviceId: string;
  deviceId: string;
}

const ERROR_CODE = `COALESCE(d.error_code, CASE WHEN d.kind = 'firmware' THEN d.result_desc END)`;
const TASK_COLUMNS = `t.operation_id AS "operationId", t.kind, t.app_id AS "appId", t.devices, t.succeeded, t.failed,
  t.in_progress AS "inProgress", t.notifications, t.first_seen_at AS "firstSeenAt", t.last_seen_at AS "lastSeenAt",
  t.last_result_at AS "lastResultAt", t.last_seen_at AS "sortValue"`;
const DEVICE_ROW = `d.device_id AS "deviceId", d.sub_operation_id AS "subOperationId", d.outcome, d.state, d.result,
  d.source_version AS "sourceVersion", d.target_version AS "targetVersion", d.cur_version AS "curVersion",
  ${ERROR_CODE} AS "errorCode", d.description, d.result_desc AS "resultDesc", d.attempts, d.failed_attempts AS "failedAttempts",
  d.upgrade_time_raw AS "upgradeTime", d.upgrade_at AS "upgradeAt", COALESCE(d.result_received_at, d.last_seen_at) AS "receivedAt"`;
const FAILED_COLUMNS = `d.device_id AS "deviceId", d.app_id AS "appId", d.operation_id AS "operationId",
  d.sub_operation_id AS "subOperationId", d.source_version AS "sourceVersion", d.target_version AS "targetVersion",
  d.cur_version AS "curVersion", d.error_code AS "errorCode", d.description, d.result_desc AS "resultDesc",
  d.upgrade_time_raw AS "upgradeTimeRaw", d.upgrade_at AS "upgradeAt", d.result_received_at AS "receivedAt", d.attempts`;

export const encodeCursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function listTasks(q: RunSql, operationId?: string) {
  const rows = operationId
    ? await q(
        `SELECT ${TASK_COLUMNS} FROM tasks t WHERE TRUE AND t.operation_id ILIKE $1 ESCAPE '\\'
        ORDER BY t.last_seen_at DESC, t.operation_id DESC LIMIT 51`,
        [escapeLike(operationId)],
      )
    : await q(
        `SELECT ${TASK_COLUMNS} FROM tasks t WHERE TRUE ORDER BY t.last_seen_at DESC, t.operation_id DESC LIMIT 51`,
      );
  const ids = rows.slice(0, 50).map((r) => r.operationId);
  if (ids.length)
    await q(`SELECT * FROM task_versions WHERE operation_id = ANY($1) ORDER BY source_version, target_version`, [ids]);
}

// The same statements lib/queries sends: the task's counters, then its row.
const COUNTERS = `SELECT c.operation_id AS "operationId", c.facet, c.k1, c.k2, c.k3, c.n FROM task_counters c`;

async function taskDetail(q: RunSql, op: string) {
  await q(
    `${COUNTERS} WHERE c.facet IN ('transition', 'contradiction', 'left_on', 'error', 'first', 'hour')
    AND c.operation_id = $1 AND c.n <> 0`,
    [op],
  );
  await q(`SELECT * FROM tasks WHERE operation_id = $1 LIMIT 1`, [op]);
}

async function listDevices(q: RunSql, op: string, after?: string) {
  await q(`SELECT operation_id FROM tasks WHERE operation_id = $1 LIMIT 1`, [op]);
  await (after
    ? q(
        `SELECT ${DEVICE_ROW} FROM device_states d WHERE d.operation_id = $1 AND d.device_id > $2 ORDER BY d.device_id ASC LIMIT 51`,
        [op, after],
      )
    : q(`SELECT ${DEVICE_ROW} FROM device_states d WHERE d.operation_id = $1 ORDER BY d.device_id ASC LIMIT 51`, [op]));
  await q(`SELECT COUNT(*)::int AS total FROM device_states d WHERE d.operation_id = $1`, [op]);
}

async function deviceHistory(q: RunSql, deviceId: string) {
  await q(`SELECT * FROM device_states WHERE device_id = $1 ORDER BY first_seen_at ASC, operation_id ASC`, [deviceId]);
  await Promise.all([
    q(
      `SELECT id, received_at, notify_type, kind, event, device_id, app_id, operation_id, sub_operation_id, result, state, step,
        source_version, target_version, cur_version, error_code, description, result_desc, upgrade_time_raw, upgrade_at
      FROM notifications WHERE device_id = $1 ORDER BY received_at DESC, id DESC LIMIT 1000`,
      [deviceId],
    ),
    q(`SELECT COUNT(*)::int AS n FROM notifications WHERE device_id = $1`, [deviceId]),
  ]);
}

async function fleetSummary(q: RunSql) {
  await q(`SELECT COUNT(*)::int AS tasks, COALESCE(SUM(t.succeeded), 0)::int AS succeeded, COALESCE(SUM(t.failed), 0)::int AS failed,
      COALESCE(SUM(t.in_progress), 0)::int AS "inProgress" FROM tasks t WHERE TRUE`);
  await q(`SELECT COUNT(*)::int AS devices FROM fleet_devices`);
  await q(
    `${COUNTERS} WHERE c.facet IN ('error') AND c.operation_id IN (SELECT t.operation_id FROM tasks t WHERE TRUE) AND c.n <> 0`,
  );
}

/** The CSV's reads: keyset batches of 1,000 failed devices until a short batch. Returns the row count. */
export async function failedDevices(q: RunSql, op: string): Promise<number> {
  await q(`SELECT operation_id FROM tasks WHERE operation_id = $1 LIMIT 1`, [op]);
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const rows: Record<string, unknown>[] = after
      ? await q(
          `SELECT ${FAILED_COLUMNS} FROM device_states d WHERE d.operation_id = $1 AND d.result = 'FAIL' AND d.device_id > $2
          ORDER BY d.device_id LIMIT 1000`,
          [op, after],
        )
      : await q(
          `SELECT ${FAILED_COLUMNS} FROM device_states d WHERE d.operation_id = $1 AND d.result = 'FAIL' ORDER BY d.device_id LIMIT 1000`,
          [op],
        );
    total += rows.length;
    if (rows.length < 1000) return total;
    after = rows[rows.length - 1]!.deviceId as string;
  }
}

export function readCases(i: CaseInputs): ReadCase[] {
  const op = encodeURIComponent(i.largestTask);
  return [
    // The floor: what one request through npm start's server costs around a trivial query.
    { name: "health (floor)", path: "/api/health", sql: (q) => q("SELECT 1") },
    { name: "tasks list", path: "/api/tasks", sql: (q) => listTasks(q) },
    {
      name: "tasks list ?operationId=",
      path: `/api/tasks?operationId=${encodeURIComponent(i.operationIdFilter)}`,
      sql: (q) => listTasks(q, i.operationIdFilter),
    },
    { name: "task detail (largest)", path: `/api/tasks/${op}`, sql: (q) => taskDetail(q, i.largestTask) },
    { name: "devices first page", path: `/api/tasks/${op}/devices`, sql: (q) => listDevices(q, i.largestTask) },
    {
      name: "devices deep page",
      path: `/api/tasks/${op}/devices?cursor=${encodeCursor([i.deepCursorDeviceId])}`,
      sql: (q) => listDevices(q, i.largestTask, i.deepCursorDeviceId),
    },
    {
      name: "device history",
      path: `/api/devices/${encodeURIComponent(i.deviceId)}`,
      sql: (q) => deviceHistory(q, i.deviceId),
    },
    { name: "fleet summary", path: "/api/summary", sql: (q) => fleetSummary(q) },
  ];
}
