import "server-only";
import { getDb } from "@/lib/db";
import { getAlertConfig } from "./config";
import { evaluateChangedTasks, evaluateTimedRules } from "./evaluate";
import { runOutboxOnce } from "./outbox";

// Background loops, one set per process: the change pass (tasks changed since the last pass), the
// timed pass (time-based kinds plus a full re-check), and the outbox. Every instance runs them; the
// database makes firings and deliveries happen once (see firings.ts and outbox.ts).

// Ingest transactions stamp rows with their start time and may commit up to their 8 s deadline later:
// re-reading this much before the last pass catches a batch that committed while that pass ran.
const OVERLAP_MS = 10_000;

const holder = globalThis as unknown as { __upgradeMonitorAlerts?: { wake(): void } };

/** Starts the loops once per process (idempotent); ALERTS_WORKERS=0 leaves them off. */
export function startAlertWorkers(): void {
  const cfg = getAlertConfig();
  if (cfg.ALERTS_WORKERS === "0" || holder.__upgradeMonitorAlerts) return;
  let since: Date | null = null;
  let fullPassDue = true;
  const loop = (name: string, everyMs: number, body: () => Promise<unknown>) => {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        await body();
      } catch (err) {
        console.error(`[alerts] ${name} failed (will retry):`, err instanceof Error ? err.message : err);
      } finally {
        running = false;
      }
    };
    setInterval(run, everyMs).unref();
    return run;
  };
  loop("evaluation", cfg.ALERTS_EVAL_INTERVAL_MS, async () => {
    const { prisma } = await getDb();
    const now = (await prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;
    const full = fullPassDue;
    fullPassDue = false;
    await evaluateChangedTasks(prisma, full ? null : since).catch((err) => {
      fullPassDue = full;
      throw err;
    });
    since = new Date(now.getTime() - OVERLAP_MS);
    void outbox();
  });
  loop("timed evaluation", cfg.ALERTS_SCHEDULE_INTERVAL_MS, async () => {
    fullPassDue = true;
    await evaluateTimedRules((await getDb()).prisma);
    void outbox();
  });
  const outbox = loop("outbox", cfg.ALERTS_OUTBOX_INTERVAL_MS, async () => {
    const { prisma } = await getDb();
    while ((await runOutboxOnce(prisma, cfg)) > 0);
  });
  holder.__upgradeMonitorAlerts = { wake: () => void (fullPassDue = true) };
}

/** A rule was created or changed: re-check every task on the next pass, not only changed ones. */
export function requestFullPass(): void {
  holder.__upgradeMonitorAlerts?.wake();
}
