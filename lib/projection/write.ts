import "server-only";
import { Prisma, type DeviceState } from "@/lib/generated/prisma/client";
import type { CounterDelta } from "@/lib/domain/facets";
import { DS_INSERT_COLUMNS, DS_UPDATE_SET, deviceStateValues } from "./columns";

// The writers of the views: fragments for one data-modifying CTE, so a fold writes everything in one
// round trip. Rows are sorted by key by the callers, so two writers (the projector and a retention
// run into the baseline tables) can never deadlock on them.

export function deviceStateUpsert(rows: DeviceState[]): Prisma.Sql {
  return Prisma.sql`INSERT INTO device_states (${DS_INSERT_COLUMNS}) VALUES ${Prisma.join(rows.map(deviceStateValues))}
    ON CONFLICT (operation_id, device_id) DO UPDATE SET ${DS_UPDATE_SET}`;
}

/** An upsert adding the deltas, or null when there are none. */
export function counterUpsert(deltas: CounterDelta[]): Prisma.Sql | null {
  if (deltas.length === 0) return null;
  return Prisma.sql`
    INSERT INTO task_counters AS c (operation_id, facet, k1, k2, k3, n)
    VALUES ${Prisma.join(deltas.map((d) => Prisma.sql`(${d.operationId}, ${d.key[0]}, ${d.key[1]}, ${d.key[2]}, ${d.key[3]}, ${d.n})`))}
    ON CONFLICT (operation_id, facet, k1, k2, k3) DO UPDATE SET n = c.n + EXCLUDED.n`;
}

/**
 * Devices first seen (or seen earlier than known) in these states. LEAST keeps the earliest arrival
 * whatever order the log is folded in, so a rebuild gives the same table.
 */
export function fleetUpsert(devices: { deviceId: string; firstSeenAt: Date }[]): Prisma.Sql | null {
  if (devices.length === 0) return null;
  return Prisma.sql`
    INSERT INTO fleet_devices AS f (device_id, first_seen_at)
    VALUES ${Prisma.join(devices.map((d) => Prisma.sql`(${d.deviceId}, ${d.firstSeenAt})`))}
    ON CONFLICT (device_id) DO UPDATE SET first_seen_at = LEAST(f.first_seen_at, EXCLUDED.first_seen_at)`;
}
