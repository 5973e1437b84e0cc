// upgradeTime has no documented format (spec §3): a compact UTC time, an ISO-8601 time, or a number
// that may be a duration. We always keep the raw value and add an instant only when it is clearly a time.

export interface UpgradeTime {
  raw: string;
  at: Date | null;
  /** Set when the value is neither a recognised time nor a plain number. */
  problem?: string;
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DIGITS = /^\d+(\.\d+)?$/;

export function parseUpgradeTime(value: string | number): UpgradeTime {
  if (typeof value === "number") return { raw: String(value), at: null };
  const raw = value.trim();
  const compact = COMPACT.exec(raw);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact.map(Number) as number[];
    const at = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
    // Date.UTC rolls 20240231 over to March; a real timestamp never needs that.
    const valid =
      at.getUTCFullYear() === y && at.getUTCMonth() === mo! - 1 && at.getUTCDate() === d && h! < 24 && mi! < 60 && s! < 60;
    return valid ? { raw, at } : { raw, at: null, problem: "not a valid calendar time" };
  }
  if (ISO.test(raw)) {
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? { raw, at: null, problem: "not a valid calendar time" } : { raw, at: new Date(ms) };
  }
  if (DIGITS.test(raw)) return { raw, at: null };
  return { raw, at: null, problem: "unrecognised time format (kept as text)" };
}
