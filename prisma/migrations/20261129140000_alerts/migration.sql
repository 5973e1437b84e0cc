-- Alerts: rules evaluated from the task projections, the channels they notify, each firing and
-- resolution, and a durable outbox of deliveries (one row per firing event and channel).

-- CreateTable
CREATE TABLE "alert_channels" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "url" TEXT,
    "recipients" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    -- Write-only: never returned by the API, never logged.
    "secret" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "operation_id" TEXT,
    "match" TEXT,
    "threshold" DOUBLE PRECISION,
    "min_results" INTEGER,
    "min_count" INTEGER,
    "error_code" TEXT,
    "minutes" DOUBLE PRECISION,
    "channel_ids" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_firings" (
    "id" SERIAL NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "rule_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_figures" JSONB,

    CONSTRAINT "alert_firings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" SERIAL NOT NULL,
    "firing_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "last_answer" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- At most one open firing per rule and scope: whichever evaluator (app instance) inserts first wins,
-- the others' ON CONFLICT DO NOTHING turn into no-ops. This is what makes a firing happen once.
CREATE UNIQUE INDEX "alert_firings_open_key" ON "alert_firings"("rule_id", "scope") WHERE "resolved_at" IS NULL;

-- CreateIndex
CREATE INDEX "alert_firings_fired_at_idx" ON "alert_firings"("fired_at");

-- One delivery per firing event and channel, even if two instances enqueue it.
CREATE UNIQUE INDEX "alert_deliveries_firing_id_event_channel_id_key" ON "alert_deliveries"("firing_id", "event", "channel_id");

-- The outbox worker's claim: due pending rows in id order.
CREATE INDEX "alert_deliveries_status_next_attempt_at_idx" ON "alert_deliveries"("status", "next_attempt_at");
