import "server-only";
import { AppError } from "@/lib/errors";

// Keyset cursors are base64url JSON arrays: opaque to clients, validated on the way back in.

export function encodeCursor(parts: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/** Decodes a cursor and checks each part's type; a tampered or foreign cursor is a 400, never a 500. */
export function decodeCursor<T extends readonly ("string" | "number")[]>(
  cursor: string,
  types: T,
): { [K in keyof T]: T[K] extends "number" ? number : string } {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parts = null;
  }
  const ok =
    Array.isArray(parts) &&
    parts.length === types.length &&
    parts.every((p, i) =>
      types[i] === "number" ? typeof p === "number" && Number.isFinite(p) : typeof p === "string",
    );
  if (!ok) {
    throw new AppError("invalid_query", "Invalid query parameters.", [
      { field: "cursor", problem: "is not a cursor returned by this API for this query" },
    ]);
  }
  return parts as { [K in keyof T]: T[K] extends "number" ? number : string };
}
