-- One ordering rule for two results of the same device in a task (lib/domain/ordering.ts, README
-- "Order"): device times only when both are plausible (parsed, not before 2015-01-01, not later than
-- their own arrival + 10 minutes), otherwise arrival order (received_at, id).
-- result_at / first_result_at now hold the plausible device time only (NULL otherwise), and the first
-- attempt's arrival is kept so later results can be compared with it.
ALTER TABLE "device_states" ADD COLUMN "first_result_received_at" TIMESTAMPTZ(3);

-- Re-decide the latest and first result of every device whose results are all still stored
-- (attempts = stored results: nothing pruned by retention), with the rule as SQL (same text as
-- lib/domain/ordering-sql.ts). Devices with pruned results keep their current result.
CREATE TEMP TABLE ordering_r ON COMMIT DROP AS
SELECT n.id, n.operation_id, n.device_id, n.received_at, n.result, n.source_version, n.target_version, n.cur_version,
  n.error_code, n.description, n.result_desc, n.upgrade_time_raw, n.upgrade_at,
  CASE WHEN n.upgrade_at >= TIMESTAMPTZ '2015-01-01 00:00:00+00' AND n.upgrade_at <= n.received_at + INTERVAL '10 minutes'
    THEN n.upgrade_at END AS dt
FROM "notifications" n
JOIN "device_states" d ON d.operation_id = n.operation_id AND d.device_id = n.device_id
WHERE n.event = 'result' AND n.result IS NOT NULL
  AND d.attempts = (SELECT COUNT(*) FROM "notifications" m
                    WHERE m.operation_id = d.operation_id AND m.device_id = d.device_id AND m.event = 'result' AND m.result IS NOT NULL);

WITH lu AS (
  SELECT DISTINCT ON (operation_id, device_id) operation_id, device_id, received_at AS u_at, id AS u_id
  FROM ordering_r WHERE dt IS NULL ORDER BY operation_id, device_id, received_at DESC, id DESC
), latest AS (
  SELECT DISTINCT ON (r.operation_id, r.device_id) r.*
  FROM ordering_r r LEFT JOIN lu ON lu.operation_id = r.operation_id AND lu.device_id = r.device_id
  WHERE lu.u_id IS NULL OR (r.received_at, r.id) >= (lu.u_at, lu.u_id)
  ORDER BY r.operation_id, r.device_id, (r.dt IS NULL), r.dt DESC, r.received_at DESC, r.id DESC
), f1 AS (
  SELECT DISTINCT ON (operation_id, device_id) operation_id, device_id, id, (dt IS NULL) AS untimed
  FROM ordering_r ORDER BY operation_id, device_id, received_at, id
), first AS (
  SELECT DISTINCT ON (r.operation_id, r.device_id) r.*
  FROM ordering_r r JOIN f1 ON f1.operation_id = r.operation_id AND f1.device_id = r.device_id
  WHERE (f1.untimed AND r.id = f1.id) OR (NOT f1.untimed AND r.dt IS NOT NULL)
  ORDER BY r.operation_id, r.device_id, r.dt ASC, r.received_at, r.id
)
UPDATE "device_states" d SET
  result = l.result, source_version = l.source_version, target_version = l.target_version, cur_version = l.cur_version,
  error_code = l.error_code, description = l.description, result_desc = l.result_desc,
  upgrade_time_raw = l.upgrade_time_raw, upgrade_at = l.upgrade_at, result_at = l.dt,
  result_received_at = l.received_at, result_notification_id = l.id,
  first_result = f.result, first_result_at = f.dt, first_result_received_at = f.received_at, first_result_notification_id = f.id
FROM latest l JOIN first f ON f.operation_id = l.operation_id AND f.device_id = l.device_id
WHERE d.operation_id = l.operation_id AND d.device_id = l.device_id;

-- Devices with pruned results: keep their result, normalise the order keys to the new meaning.
UPDATE "device_states" d SET
  result_at = CASE WHEN d.upgrade_at >= TIMESTAMPTZ '2015-01-01 00:00:00+00' AND d.upgrade_at <= d.result_received_at + INTERVAL '10 minutes'
    THEN d.upgrade_at END,
  first_result_received_at = COALESCE((SELECT n.received_at FROM "notifications" n WHERE n.id = d.first_result_notification_id), d.first_seen_at),
  first_result_at = (SELECT CASE WHEN n.upgrade_at >= TIMESTAMPTZ '2015-01-01 00:00:00+00' AND n.upgrade_at <= n.received_at + INTERVAL '10 minutes'
    THEN n.upgrade_at END FROM "notifications" n WHERE n.id = d.first_result_notification_id)
WHERE d.result IS NOT NULL AND d.first_result_received_at IS NULL;

-- Outcome from the (possibly new) latest result and state: lib/ingest/device-state.ts outcomeOf().
UPDATE "device_states" SET outcome = CASE
  WHEN result IS NULL THEN 'in_progress'
  WHEN lower(state) IN ('downloading', 'otacreated', 'requestdownload') AND state_received_at IS NOT NULL
    AND (result_received_at IS NULL OR (state_received_at, state_notification_id) > (result_received_at, result_notification_id)) THEN 'in_progress'
  WHEN result = 'SUCCESS' THEN 'succeeded' ELSE 'failed' END;

UPDATE "tasks" t SET succeeded = c.s, failed = c.f, in_progress = c.i
FROM (SELECT operation_id, COUNT(*) FILTER (WHERE outcome = 'succeeded')::int AS s, COUNT(*) FILTER (WHERE outcome = 'failed')::int AS f,
        COUNT(*) FILTER (WHERE outcome = 'in_progress')::int AS i FROM "device_states" GROUP BY operation_id) c
WHERE c.operation_id = t.operation_id;

-- Breakdown counters derived from device states, recounted (the per-hour counts of arrivals stay as
-- they are: pruned notifications cannot be recounted). Same definitions as lib/ingest/counters.ts.
DELETE FROM "task_counters" WHERE facet <> 'hour';
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
    -- New facet: warnings per task (documented field missing or mistyped), one per warning of a stored push.
    SELECT n.operation_id, 'warning', COALESCE(w->>'field', ''), COALESCE(w->>'problem', ''), '' FROM "notifications" n, jsonb_array_elements(n.warnings) w
) c
GROUP BY operation_id, facet, k1, k2, k3;
