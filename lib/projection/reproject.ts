import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { AFTER_BASELINE, EVENT_COLUMNS, NOT_PARKED, toStoredEvent, type EventRow } from "./events";
import { foldEvents } from "./fold";
import { PROJECTOR_LOCK } from "./project-batch";

/** Every projection, in the order a rebuild empties and refills them. */
export const VIEW_TABLES = ["device_states", "tasks", "task_versions", "task_counters", "fleet_devices"] as const;

const CHUNK = 5_000;

export interface ReprojectResult {
  events: number;
  devices: number;
  seconds: number;
}

/**
 * Rebuilds every view from the log: the retention baseline (what pruned events contributed), then
 * every notification after it in arrival order, through the same fold as the live projector. One
 * transaction at REPEATABLE READ that holds the projector lock from its first statement, so its
 * snapshot sees every fold that committed before it and none can commit during it; pushes
 * acknowledged meanwhile stay pending and are folded after it. TRUNCATE makes readers wait until it
 * commits: meant for a stopped server (PGlite cannot be opened twice anyway); on PostgreSQL it is
 * correct online, but pages wait for it.
 */
export async function reprojectAll(
  prisma: PrismaClient,
  log: (line: string) => void = () => undefined,
): Promise<ReprojectResult> {
  const started = Date.now();
  for (;;) {
    const result = await prisma.$transaction(
      async (tx) => {
        // The lock must come with the snapshot: waiting for it after the snapshot was taken would
        // let a fold commit unseen, and the DELETE below would then fail to serialise.
        const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PROJECTOR_LOCK}) AS ok`;
        if (!lock?.ok) return null;
        await tx.$executeRaw`SET LOCAL statement_timeout = 0`;
        // Constant table names (VIEW_TABLES), never input.
        await tx.$executeRaw`TRUNCATE ${Prisma.raw(VIEW_TABLES.join(", "))}`;
        for (const t of VIEW_TABLES)
          await tx.$executeRaw`INSERT INTO ${Prisma.raw(t)} SELECT * FROM ${Prisma.raw(`baseline.${t}`)}`;
        // Everything visible in this snapshot is folded below, so nothing of it may stay pending.
        await tx.$executeRaw`DELETE FROM projection_pending`;
        let events = 0;
        let devices = 0;
        let after: { at: Date; id: bigint } = { at: new Date(0), id: 0n };
        for (;;) {
          const rows = await tx.$queryRaw<EventRow[]>`
            SELECT ${EVENT_COLUMNS} FROM notifications n
            WHERE (n.received_at, n.id) > (${after.at}, ${after.id}) AND ${AFTER_BASELINE} AND ${NOT_PARKED}
            ORDER BY n.received_at, n.id LIMIT ${CHUNK}`;
          if (rows.length === 0) break;
          const chunk = rows.map(toStoredEvent);
          devices += await foldEvents(tx, chunk, { refoldFrom: "baseline" });
          events += chunk.length;
          const last = chunk[chunk.length - 1]!;
          after = { at: last.receivedAt, id: BigInt(last.id) };
          log(`  … ${events} events folded`);
        }
        await tx.$executeRaw`
          INSERT INTO projection_progress AS p (name, events, batches, last_notification_id, last_received_at, updated_at)
          VALUES ('views', ${events}, 0, (SELECT MAX(id) FROM notifications), (SELECT MAX(received_at) FROM notifications), now())
          ON CONFLICT (name) DO UPDATE SET events = EXCLUDED.events, batches = 0, last_notification_id = EXCLUDED.last_notification_id,
            last_received_at = EXCLUDED.last_received_at, updated_at = now()`;
        return { events, devices, seconds: (Date.now() - started) / 1000 };
      },
      { isolationLevel: "RepeatableRead", maxWait: 60_000, timeout: 24 * 3_600_000 },
    );
    if (result) return result;
    // A live projector is folding a batch: try again when it is done (each fold takes milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
