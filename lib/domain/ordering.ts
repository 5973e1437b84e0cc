// THE ORDERING RULE for two results of the same device in the same task (README, "Order"):
//
//   1. A result's device time (its parsed upgradeTime) is *plausible* when it is an instant, not
//      before PLAUSIBLE_FLOOR (2015-01-01T00:00:00Z: earlier means a reset clock — 1970 Unix epoch,
//      1980 GPS epoch, 2000 RTC default), and not later than its own arrival + FUTURE_SKEW_MS.
//   2. When BOTH results have a plausible device time and those differ, the later device time is the
//      later result.
//   3. Otherwise (either has no plausible device time, or they are equal) arrival order decides:
//      received_at, then notification id.
//
// A device time is never compared with the server's clock, so a device whose clock is wrong can
// only lose the comparison to arrival order, never win it. For more than two results the rule is
// applied as a fold in arrival order (each new result against the current latest), which equals:
// "the latest result is the last one without a plausible device time, unless results with a
// plausible device time arrived after it: then the one of those with the latest device time".
// latestOf() below states that closed form; ordering-sql.ts states it in SQL; tests prove all agree.
//
// Pure and framework-free: the ingest reducer, the SQL recount and the read side all use it.

/** Device times before this are a reset clock, not an upgrade (see rule 1). */
export const PLAUSIBLE_FLOOR = Date.UTC(2015, 0, 1);
/** How far a device clock may run ahead of our own arrival time and still count. */
export const FUTURE_SKEW_MS = 10 * 60_000;

/** What the rule needs to know about one result. */
export interface Ordered {
  /** Parsed upgradeTime, or null when absent/unparsed. */
  deviceAt: Date | null;
  receivedAt: Date;
  /** Notification id (64-bit in the database; a bigint when read from it). */
  id: number | bigint;
}

/** Rule 1: the device time when it is plausible, else null. */
export function plausibleDeviceTime(deviceAt: Date | null, receivedAt: Date): Date | null {
  if (deviceAt === null) return null;
  const t = deviceAt.getTime();
  if (Number.isNaN(t) || t < PLAUSIBLE_FLOOR || t > receivedAt.getTime() + FUTURE_SKEW_MS) return null;
  return deviceAt;
}

/** Arrival order: received_at, then id. Positive when a arrived after b. */
export function compareArrival(a: Pick<Ordered, "receivedAt" | "id">, b: Pick<Ordered, "receivedAt" | "id">): number {
  return a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Rules 2 and 3. Positive when a is the later result, negative when b is, 0 only for the same result. */
export function compareResults(a: Ordered, b: Ordered): number {
  const da = plausibleDeviceTime(a.deviceAt, a.receivedAt);
  const db = plausibleDeviceTime(b.deviceAt, b.receivedAt);
  if (da !== null && db !== null && da.getTime() !== db.getTime()) return da.getTime() - db.getTime();
  return compareArrival(a, b);
}

export const isLaterResult = (a: Ordered, b: Ordered | null): boolean => b === null || compareResults(a, b) > 0;

/** The latest result of a set by the fold in arrival order (the closed form in the header). */
export function latestOf<T extends Ordered>(results: readonly T[]): T | null {
  let latest: T | null = null;
  for (const r of [...results].sort(compareArrival)) if (isLaterResult(r, latest)) latest = r;
  return latest;
}

/** The first attempt of a set: the same fold, keeping the earlier result. */
export function firstOf<T extends Ordered>(results: readonly T[]): T | null {
  let first: T | null = null;
  for (const r of [...results].sort(compareArrival)) if (first === null || compareResults(first, r) > 0) first = r;
  return first;
}
