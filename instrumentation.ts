// Runs once when a server process starts: open and migrate the database before the first push
// arrives, so a broken DATABASE_URL shows up in the log at once (requests still retry on their own).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Inside a NEXT_RUNTIME test the compiler can drop for the edge build (node:crypto, process.exit).
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("@/lib/auth/log-access")).logAccessMode();
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("@/lib/env")).checkEnvAtStart();
  const { getDb } = await import("@/lib/db");
  try {
    const db = await getDb();
    console.log(`[db] ready: ${db.kind}`);
  } catch (err) {
    console.error("[db] not ready at start (requests will retry):", err instanceof Error ? err.message : err);
  }
  (await import("@/lib/projection/projector")).startProjector();
  const { scheduleRetention } = await import("@/lib/maintenance/schedule");
  scheduleRetention();
  (await import("@/lib/alerts/workers")).startAlertWorkers();
  // Only when PLATFORM_URL is set; a failure to start is logged, never fatal (pushes come first).
  if (process.env.PLATFORM_URL) {
    await (
      await import("@/lib/platform/start")
    )
      .startPlatformConnector()
      .catch((err: unknown) =>
        console.error("[platform] connector not started:", err instanceof Error ? err.message : err),
      );
  }
}
