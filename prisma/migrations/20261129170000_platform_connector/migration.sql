-- Platform connector (issue 13): what the platform's task API said about each task, and which
-- instance may talk to the platform. Never stores the access token, refresh token or secret.

-- One row per task the connector knows (seen in pushes, or discovered on the platform). The sta_*
-- columns are the platform's staResult statistics; times are the platform's own (createTime,
-- startTime, stopTime). lease_owner/lease_until let one instance at a time sync a task.
-- CreateTable
CREATE TABLE "platform_tasks" (
    "operation_id" TEXT NOT NULL,
    "operate_type" TEXT,
    "status" TEXT,
    "app_id" TEXT,
    "platform_created_at" TIMESTAMPTZ(3),
    "platform_started_at" TIMESTAMPTZ(3),
    "platform_stopped_at" TIMESTAMPTZ(3),
    "sta_total" INTEGER,
    "sta_wait" INTEGER,
    "sta_processing" INTEGER,
    "sta_success" INTEGER,
    "sta_fail" INTEGER,
    "sta_stop" INTEGER,
    "sta_timeout" INTEGER,
    "targets_synced" INTEGER NOT NULL DEFAULT 0,
    "finished_syncs" INTEGER NOT NULL DEFAULT 0,
    "lost_pushes" INTEGER NOT NULL DEFAULT 0,
    "discovered_by" TEXT NOT NULL DEFAULT 'push',
    "synced_at" TIMESTAMPTZ(3),
    "sync_started_at" TIMESTAMPTZ(3),
    "sync_error" TEXT,
    "sync_error_at" TIMESTAMPTZ(3),
    "refresh_requested_at" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_tasks_pkey" PRIMARY KEY ("operation_id")
);

-- CreateIndex
CREATE INDEX "platform_tasks_synced_at_idx" ON "platform_tasks"("synced_at");

-- The connection lease: the instance named in holder, while lease_until is in the future, is the
-- only one that logs in (the platform keeps only the newest token valid). Token times only.
-- CreateTable
CREATE TABLE "platform_connection" (
    "app_id" TEXT NOT NULL,
    "holder" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "token_issued_at" TIMESTAMPTZ(3),
    "token_expires_at" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "logins" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_connection_pkey" PRIMARY KEY ("app_id")
);
