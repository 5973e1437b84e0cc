import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Timeline } from "@/lib/schemas/responses";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Up to two days of activity is shown per hour, anything longer per day. */
const HOURLY_SPAN = 48 * HOUR;
/** Never send more points than a chart can show. */
const MAX_POINTS = 1_000;

/**
 * Result notifications (every attempt) received per hour or day, SUCCESS and FAIL apart. Arrival time,
 * not the device's upgradeTime, places them: a device clock cannot stretch the chart over decades.
 */
export async function getTaskTimeline(operationId: string, span: { from: Date; to: Date }): Promise<Timeline> {
  const { prisma } = await getDb();
  const bucket = span.to.getTime() - span.from.getTime() <= HOURLY_SPAN ? "hour" : "day";
  const unit = Prisma.raw(bucket === "hour" ? "'hour'" : "'day'");
  const rows = await prisma.$queryRaw<{ at: Date; succeeded: number; failed: number }[]>`
    SELECT date_trunc(${unit}, n.received_at, 'UTC') AS at,
      COUNT(*) FILTER (WHERE n.result = 'SUCCESS')::int AS succeeded,
      COUNT(*) FILTER (WHERE n.result = 'FAIL')::int AS failed
    FROM notifications n
    WHERE n.operation_id = ${operationId} AND n.event = 'result'
    GROUP BY 1 ORDER BY 1`;
  return { bucket, points: fillGaps(rows, bucket === "hour" ? HOUR : DAY) };
}

function fillGaps(rows: { at: Date; succeeded: number; failed: number }[], step: number) {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return [];
  const byTime = new Map(rows.map((r) => [r.at.getTime(), r]));
  const count = Math.floor((last.at.getTime() - first.at.getTime()) / step) + 1;
  // Sparse data over a long span: send the real points only rather than thousands of zeros.
  if (count > MAX_POINTS) return rows.map((r) => ({ at: r.at.toISOString(), succeeded: r.succeeded, failed: r.failed }));
  const points = [];
  for (let i = 0; i < count; i++) {
    const at = first.at.getTime() + i * step;
    const r = byTime.get(at);
    points.push({ at: new Date(at).toISOString(), succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0 });
  }
  return points;
}
