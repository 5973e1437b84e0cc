-- Log first, views after (issue 12). A push is acknowledged once it is in the notifications log; the
-- derived tables (device_states, tasks, task_versions, task_counters, fleet_devices) are projections of
-- that log, folded by one projector (lib/projection) exactly once.

-- 64-bit ids: a fleet of a million devices sending a few pushes a day passes 2^31 within years.
ALTER TABLE "notifications" ALTER COLUMN "id" TYPE BIGINT;
ALTER SEQUENCE "notifications_id_seq" AS BIGINT;
ALTER TABLE "quarantined_requests" ALTER COLUMN "id" TYPE BIGINT;
ALTER SEQUENCE "quarantined_requests_id_seq" AS BIGINT;
ALTER TABLE "device_states" ALTER COLUMN "result_notification_id" TYPE BIGINT;
ALTER TABLE "device_states" ALTER COLUMN "first_result_notification_id" TYPE BIGINT;
ALTER TABLE "device_states" ALTER COLUMN "state_notification_id" TYPE BIGINT;

-- Where a device's latest and first result came from ('push' or 'api', see notifications.source): a
-- result reconciled from the platform ranks below any pushed result (lib/domain/ordering.ts).
ALTER TABLE "device_states" ADD COLUMN "result_source" TEXT;
ALTER TABLE "device_states" ADD COLUMN "first_result_source" TEXT;
UPDATE "device_states" SET "result_source" = 'push' WHERE "result" IS NOT NULL;
-- The last event folded into the row by arrival order (with last_seen_at, its key): an event that
-- arrives at the projector older than this makes it refold the device from the log, because the
-- ordering rule is a fold in arrival order (lib/domain/ordering.ts).
ALTER TABLE "device_states" ADD COLUMN "last_event_id" BIGINT;
UPDATE "device_states" d SET "last_event_id" = (SELECT MAX(n."id") FROM "notifications" n
  WHERE n."device_id" = d."device_id" AND n."operation_id" = d."operation_id" AND n."received_at" = d."last_seen_at");
UPDATE "device_states" SET "first_result_source" = 'push' WHERE "first_result" IS NOT NULL;

-- Work not yet folded: one row per notification, written in the same statement as the notification.
-- The projector claims rows with FOR UPDATE SKIP LOCKED and deletes them in the transaction that
-- folds them, so a row is projected exactly once whatever order ids commit in (an id allocated
-- early can commit late; "everything after the last id seen" would skip it).
-- CreateTable
CREATE TABLE "projection_pending" (
    "notification_id" BIGINT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projection_pending_pkey" PRIMARY KEY ("notification_id")
);

-- The lag figures of /api/health (the oldest pending arrival) without scanning a backlog.
-- CreateIndex
CREATE INDEX "projection_pending_received_at_idx" ON "projection_pending"("received_at");

-- A notification the fold kept failing on (found by halving the batch down to one), set aside so it
-- cannot stop every other push from being counted. Never silently: /api/health reports the count
-- and the log names it; deleting its row here puts it back in projection_pending's place by hand.
-- CreateTable
CREATE TABLE "projection_parked" (
    "notification_id" BIGINT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "error" TEXT NOT NULL,
    "parked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projection_parked_pkey" PRIMARY KEY ("notification_id")
);

-- How far projection got: updated in the same transaction as each fold.
-- CreateTable
CREATE TABLE "projection_progress" (
    "name" TEXT NOT NULL,
    "events" BIGINT NOT NULL DEFAULT 0,
    "batches" BIGINT NOT NULL DEFAULT 0,
    "last_notification_id" BIGINT,
    "last_received_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projection_progress_pkey" PRIMARY KEY ("name")
);
INSERT INTO "projection_progress" ("name", "events") SELECT 'views', COUNT(*) FROM "notifications";

-- Retention deletes old notifications; before it does, it folds them into these tables (the same
-- projection, of the deleted events only). db:reproject starts from them, so rebuilding the views
-- after a retention run still gives the same numbers as before it.
CREATE SCHEMA "baseline";
CREATE TABLE "baseline"."device_states" (LIKE "device_states" INCLUDING ALL);
CREATE TABLE "baseline"."tasks" (LIKE "tasks" INCLUDING ALL);
CREATE TABLE "baseline"."task_versions" (LIKE "task_versions" INCLUDING ALL);
CREATE TABLE "baseline"."task_counters" (LIKE "task_counters" INCLUDING ALL);
CREATE TABLE "baseline"."fleet_devices" (LIKE "fleet_devices" INCLUDING ALL);

-- An existing installation may have pruned notifications under the previous design, so its log no
-- longer holds all of history: its views as they are now become the baseline, and the notifications
-- stored up to now are marked as already in it ('baseline' progress row). A rebuild then starts from
-- these tables and folds only what arrives after this migration. On a new installation both are empty.
INSERT INTO "baseline"."device_states" SELECT * FROM "device_states";
INSERT INTO "baseline"."tasks" SELECT * FROM "tasks";
INSERT INTO "baseline"."task_versions" SELECT * FROM "task_versions";
INSERT INTO "baseline"."task_counters" SELECT * FROM "task_counters";
INSERT INTO "baseline"."fleet_devices" SELECT * FROM "fleet_devices";
INSERT INTO "projection_progress" ("name", "events", "last_notification_id")
SELECT 'baseline', COUNT(*), MAX("id") FROM "notifications";
