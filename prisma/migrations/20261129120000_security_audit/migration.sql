-- Security state every app instance must share and keep across restarts, plus the audit trail.

-- Who did what: sign-ins (succeeded, failed, slowed), sign-outs, exports, setting changes, refused
-- callback tokens. Append-only; pruned after AUDIT_RETENTION_DAYS. Pages are keyset on id (newest first).
-- CreateTable
CREATE TABLE "audit_events" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "actor" TEXT,
    "client_ip" TEXT,
    "method" TEXT,
    "target" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");
-- CreateIndex
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"("actor", "id");
-- CreateIndex
CREATE INDEX "audit_events_kind_id_idx" ON "audit_events"("kind", "id");

-- Signed-out sessions (the cookie's session id), refused by every instance until the cookie would
-- have expired anyway.
-- CreateTable
CREATE TABLE "revoked_sessions" (
    "session_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("session_id")
);

-- CreateIndex
CREATE INDEX "revoked_sessions_expires_at_idx" ON "revoked_sessions"("expires_at");

-- Sign-in attempts per key (name + client address, or address alone): one row, counted and checked
-- in a single statement so parallel guesses cannot slip between the check and the count.
-- CreateTable
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_throttle_updated_at_idx" ON "login_throttle"("updated_at");
