// upgradeTime has no documented format (docs/push-contract.md#times). Real senders use several; each one below is read
// as an instant, and anything else is kept raw only ("no device time" for the ordering rule in
// lib/domain/ordering.ts). The raw value is always kept.
//
//   20261129T160000Z, 20261129T160000+0800   compact, Huawei's documented format for its other times
//   20261129T160000                          compact without a zone: UTC assumed (Huawei's times are UTC)
//   2026-11-29T16:00:00[.fff][Z|±hh:mm|±hhmm] ISO-8601; no zone: UTC assumed
//   2026-11-29 16:00:00[.fff]                SQL/log style: UTC assumed
//   1795968000 / 1795968000000               epoch seconds / milliseconds, only within EPOCH_RANGE;
//                                            other numbers (a duration such as 3600) stay raw only

export interface UpgradeTime {
  raw: string;
  at: Date | null;
  /** Set when the value is neither a recognised time nor a plain number. */
  problem?: string;
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}:?\d{2})?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DIGITS = /^\d+(\.\d+)?$/;
/** Epoch values are times only between these instants; anything else is more likely a duration. */
const EPOCH_RANGE = [Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1)] as const;

export function parseUpgradeTime(value: string | number): UpgradeTime {
  const raw = typeof value === "number" ? String(value) : value.trim();
  const m = COMPACT.exec(raw) ?? ISO.exec(raw);
  if (m) {
    // A space-separated time must carry seconds to be read (the "YYYY-MM-DD HH:MM:SS" form).
    if (raw[10] === " " && m[6] === undefined)
      return { raw, at: null, problem: "unrecognised time format (kept as text)" };
    const at = fromParts(m);
    return at ? { raw, at } : { raw, at: null, problem: "not a valid calendar time" };
  }
  if (DIGITS.test(raw)) return { raw, at: fromEpoch(raw) };
  return { raw, at: null, problem: "unrecognised time format (kept as text)" };
}

function fromParts(m: RegExpExecArray): Date | null {
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const s = Number(m[6] ?? 0);
  const ms = m.length > 8 && m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  const zone = m.length > 8 ? m[8] : m[7];
  const local = Date.UTC(y!, mo! - 1, d!, h!, mi!, s, ms);
  const check = new Date(local);
  // Date.UTC rolls 2024-02-31 over to March; a real timestamp never needs that.
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo! - 1 ||
    check.getUTCDate() !== d ||
    h! > 23 ||
    mi! > 59 ||
    s > 59
  )
    return null;
  const offset = offsetMs(zone);
  return offset === null ? null : new Date(local - offset);
}

/** A zone's offset; null when it is no real offset (beyond ±23:59), which would shift the instant by days. */
function offsetMs(zone: string | undefined): number | null {
  if (!zone || zone === "Z") return 0;
  const z = zone.replace(":", "");
  const [hours, mins] = [Number(z.slice(1, 3)), Number(z.slice(3, 5))];
  if (hours > 23 || mins > 59) return null;
  return (z[0] === "-" ? -1 : 1) * (hours * 60 + mins) * 60_000;
}

function fromEpoch(raw: string): Date | null {
  if (raw.includes(".")) return null;
  const n = Number(raw);
  for (const ms of [n * 1000, n]) if (ms >= EPOCH_RANGE[0] && ms < EPOCH_RANGE[1]) return new Date(ms);
  return null;
}
