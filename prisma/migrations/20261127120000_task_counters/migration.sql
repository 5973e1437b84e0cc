-- Precomputed per-task breakdowns (transitions, versions failed devices were left on, error codes,
-- first-attempt figures, results per hour), kept in step by the ingest transaction as deltas of each
-- device's state, so a task page reads a few hundred counter rows instead of aggregating up to
-- hundreds of thousands of device states. NULL keys are stored as '' (the parser never stores '').
-- CreateTable
CREATE TABLE "task_counters" (
    "operation_id" TEXT NOT NULL,
    "facet" TEXT NOT NULL,
    "k1" TEXT NOT NULL,
    "k2" TEXT NOT NULL,
    "k3" TEXT NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "task_counters_pkey" PRIMARY KEY ("operation_id","facet","k1","k2","k3")
);

-- Every device ever seen, so the fleet-wide distinct count is one index scan.
-- CreateTable
CREATE TABLE "fleet_devices" (
    "device_id" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fleet_devices_pkey" PRIMARY KEY ("device_id")
);

-- CreateIndex
CREATE INDEX "task_counters_facet_operation_id_idx" ON "task_counters"("facet", "operation_id");

-- Backfill from the rows already stored (same definitions as lib/ingest/counters.ts).
INSERT INTO "fleet_devices" ("device_id", "first_seen_at")
SELECT "device_id", MIN("first_seen_at") FROM "device_states" GROUP BY "device_id";

INSERT INTO "task_counters" ("operation_id", "facet", "k1", "k2", "k3", "n")
SELECT operation_id, facet, k1, k2, k3, COUNT(*)::int FROM (
    SELECT operation_id, 'transition' AS facet, COALESCE(source_version, '') AS k1, COALESCE(target_version, '') AS k2, outcome AS k3
    FROM "device_states" WHERE result IS NOT NULL
  UNION ALL
    SELECT operation_id, 'contradiction', COALESCE(source_version, ''), COALESCE(target_version, ''),
      CASE WHEN result = 'SUCCESS' THEN 'success_not_on_target' ELSE 'fail_on_target' END
    FROM "device_states"
    WHERE (result = 'SUCCESS' AND cur_version IS DISTINCT FROM target_version) OR (result = 'FAIL' AND cur_version = target_version)
  UNION ALL
    SELECT operation_id, 'left_on', COALESCE(source_version, ''), COALESCE(target_version, ''), COALESCE(cur_version, '')
    FROM "device_states" WHERE outcome = 'failed'
  UNION ALL
    SELECT operation_id, 'error', COALESCE(error_code, CASE WHEN kind = 'firmware' THEN result_desc END, ''),
      COALESCE(description, result_desc, ''), ''
    FROM "device_states" WHERE outcome = 'failed'
  UNION ALL
    SELECT operation_id, 'first', 'with_result', '', '' FROM "device_states" WHERE first_result IS NOT NULL
  UNION ALL
    SELECT operation_id, 'first', 'first_ok', '', '' FROM "device_states" WHERE first_result = 'SUCCESS'
  UNION ALL
    SELECT operation_id, 'first', 'recovered', '', '' FROM "device_states" WHERE outcome = 'succeeded' AND failed_attempts > 0
  UNION ALL
    SELECT operation_id, 'hour', to_char(date_trunc('hour', received_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24":00:00.000Z"'), result, ''
    FROM "notifications" WHERE event = 'result'
) c
GROUP BY operation_id, facet, k1, k2, k3;
