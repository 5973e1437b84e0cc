-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notify_type" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "app_id" TEXT,
    "operation_id" TEXT NOT NULL,
    "sub_operation_id" TEXT,
    "result" TEXT,
    "state" TEXT,
    "step" TEXT,
    "source_version" TEXT,
    "target_version" TEXT,
    "cur_version" TEXT,
    "error_code" TEXT,
    "description" TEXT,
    "result_desc" TEXT,
    "upgrade_time_raw" TEXT,
    "upgrade_at" TIMESTAMPTZ(3),
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "raw_body" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_states" (
    "operation_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "app_id" TEXT,
    "sub_operation_id" TEXT,
    "outcome" TEXT NOT NULL,
    "result" TEXT,
    "source_version" TEXT,
    "target_version" TEXT,
    "cur_version" TEXT,
    "error_code" TEXT,
    "description" TEXT,
    "result_desc" TEXT,
    "upgrade_time_raw" TEXT,
    "upgrade_at" TIMESTAMPTZ(3),
    "result_at" TIMESTAMPTZ(3),
    "result_received_at" TIMESTAMPTZ(3),
    "result_notification_id" INTEGER,
    "first_result" TEXT,
    "first_result_at" TIMESTAMPTZ(3),
    "first_result_notification_id" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT,
    "state_received_at" TIMESTAMPTZ(3),
    "state_notification_id" INTEGER,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "device_states_pkey" PRIMARY KEY ("operation_id","device_id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "operation_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "app_id" TEXT,
    "devices" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "in_progress" INTEGER NOT NULL DEFAULT 0,
    "notifications" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_result_at" TIMESTAMPTZ(3),

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("operation_id")
);

-- CreateTable
CREATE TABLE "task_versions" (
    "operation_id" TEXT NOT NULL,
    "source_version" TEXT NOT NULL,
    "target_version" TEXT NOT NULL,

    CONSTRAINT "task_versions_pkey" PRIMARY KEY ("operation_id","source_version","target_version")
);

-- CreateTable
CREATE TABLE "quarantined_requests" (
    "id" SERIAL NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,
    "content_type" TEXT,
    "body_size" INTEGER NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "body" BYTEA NOT NULL,

    CONSTRAINT "quarantined_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ignored_notify_types" (
    "notify_type" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ignored_notify_types_pkey" PRIMARY KEY ("notify_type")
);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_content_hash_key" ON "notifications"("content_hash");

-- CreateIndex
CREATE INDEX "notifications_device_id_received_at_idx" ON "notifications"("device_id", "received_at");

-- CreateIndex
CREATE INDEX "notifications_received_at_idx" ON "notifications"("received_at");

-- CreateIndex
CREATE INDEX "device_states_operation_id_outcome_device_id_idx" ON "device_states"("operation_id", "outcome", "device_id");

-- CreateIndex
CREATE INDEX "device_states_operation_id_outcome_error_code_idx" ON "device_states"("operation_id", "outcome", "error_code");

-- CreateIndex
CREATE INDEX "device_states_operation_id_source_version_target_version_ou_idx" ON "device_states"("operation_id", "source_version", "target_version", "outcome");

-- CreateIndex
CREATE INDEX "device_states_device_id_idx" ON "device_states"("device_id");

-- CreateIndex
CREATE INDEX "tasks_last_seen_at_idx" ON "tasks"("last_seen_at");

-- CreateIndex
CREATE INDEX "quarantined_requests_received_at_idx" ON "quarantined_requests"("received_at");
