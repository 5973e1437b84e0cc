import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// SQL fragments shared by several queries. Constant text only; values always go in as parameters.

/** The error code a failure is grouped by: errorCode, or statusDesc for firmware (which has no code). */
export const ERROR_CODE_SQL = Prisma.raw(
  `COALESCE(d.error_code, CASE WHEN d.kind = 'firmware' THEN d.result_desc END)`,
);

/** A substring match for ILIKE: the user's %, _ and \ match themselves. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function toIso(d: Date): string;
export function toIso(d: Date | null): string | null;
export function toIso(d: Date | null): string | null {
  return d === null ? null : d.toISOString();
}

/** a ÷ b, or null when there is nothing to divide. */
export function rate(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** Parses a `from`/`to` filter: a bare day is midnight UTC (from) or the end of that day (to). */
export function parseInstant(value: string | undefined, end: "from" | "to"): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    return end === "from" ? start : new Date(start.getTime() + 86_400_000 - 1);
  }
  return new Date(value);
}
