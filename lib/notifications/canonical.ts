import { canonicalNumber, isExactNumber } from "./exact-json";

const MAX_DEPTH = 32;

export class TooDeepError extends Error {}

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new TooDeepError(`nested deeper than ${MAX_DEPTH} levels`);
  if (isExactNumber(value)) return canonicalNumber(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k], depth + 1)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
