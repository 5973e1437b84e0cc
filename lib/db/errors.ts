/**
 * The database cannot serve right now (closed, unreachable, disk full, directory held by another
 * process, failed to open). Every API answers it with 503 storage_unavailable, never 500.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageUnavailableError";
  }
}

/** A positive number from the environment, else the default (scripts read these without lib/env). */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`Invalid environment: ${name} must be a number ≥ 0`);
  return n;
}
