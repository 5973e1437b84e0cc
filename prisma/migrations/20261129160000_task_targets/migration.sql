-- Completeness (issue 13): what a task is expected to reach, where that list came from, and
-- results the platform reported that never arrived as a push.

-- Where a notification came from: 'push' (our callback) or 'api' (reconciled from the platform's
-- task API because the push never arrived: a lost push). Only 'push' rows count as received pushes.
ALTER TABLE "notifications" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'push';

-- A task's target devices. source = 'platform' (the connector paged the task's sub-operations) or
-- 'declared' (an operator uploaded the list). platform_status is the sub-operation's status as the
-- platform last reported it (WAIT, PROCESSING, SUCCESS, FAIL, STOP, TIMEOUT), NULL for declared rows.
-- CreateTable
CREATE TABLE "task_targets" (
    "operation_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sub_operation_id" TEXT,
    "platform_status" TEXT,
    "platform_detail" TEXT,
    "platform_updated_at" TIMESTAMPTZ(3),
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_targets_pkey" PRIMARY KEY ("operation_id","device_id")
);

-- CreateIndex
CREATE INDEX "task_targets_operation_id_platform_status_idx" ON "task_targets"("operation_id", "platform_status");

-- An operator's name for a task (platform task ids are unreadable hex).
-- CreateTable
CREATE TABLE "task_labels" (
    "operation_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "task_labels_pkey" PRIMARY KEY ("operation_id")
);
