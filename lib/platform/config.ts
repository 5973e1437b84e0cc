import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The platform connector's settings, from the environment. The connector is off (null) unless
 * PLATFORM_URL is set; then PLATFORM_APP_ID and PLATFORM_SECRET are required. Certificate files are
 * read once here so a wrong path fails at start with the variable's name (never a secret's value).
 */
export interface PlatformConfig {
  /** Base URL without a trailing slash, e.g. https://host:8743. */
  url: string;
  appId: string;
  secret: string;
  /** PEM contents of PLATFORM_CA_FILE, PLATFORM_CERT_FILE, PLATFORM_KEY_FILE (undefined when unset). */
  ca?: string;
  cert?: string;
  key?: string;
  /** PLATFORM_DISCOVER=1: also sync tasks the platform lists in status wait/processing. */
  discover: boolean;
  /** Seconds between refreshes of an active task (PLATFORM_SYNC_SECONDS, default 300, at least 5). */
  syncSeconds: number;
  /** Seconds after the platform's finish time before a missing result push counts as lost (default 600). */
  lostPushGraceSeconds: number;
  /** Seconds a connection or task lease lasts without a heartbeat (PLATFORM_LEASE_SECONDS, default 30). */
  leaseSeconds: number;
}

const Schema = z.object({
  PLATFORM_URL: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "must start with https:// (or http:// for a local test platform)"),
  PLATFORM_APP_ID: z.string().trim().min(1, "is required when PLATFORM_URL is set").max(256),
  PLATFORM_SECRET: z.string().min(1, "is required when PLATFORM_URL is set").max(256),
  PLATFORM_CA_FILE: z.string().trim().min(1).optional(),
  PLATFORM_CERT_FILE: z.string().trim().min(1).optional(),
  PLATFORM_KEY_FILE: z.string().trim().min(1).optional(),
  PLATFORM_DISCOVER: z.enum(["0", "1", "true", "false"]).default("0"),
  PLATFORM_SYNC_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  LOST_PUSH_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(600),
  PLATFORM_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
});

/** Reads the configuration; null when PLATFORM_URL is unset. Throws an Error naming the bad variable. */
export function readPlatformConfig(env: Record<string, string | undefined> = process.env): PlatformConfig | null {
  if (!env.PLATFORM_URL?.trim()) return null;
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v?.trim() === "" ? undefined : v]),
  );
  const parsed = Schema.safeParse(blankToUndefined);
  if (!parsed.success) throw new Error(`Invalid platform settings: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (Boolean(e.PLATFORM_CERT_FILE) !== Boolean(e.PLATFORM_KEY_FILE)) {
    throw new Error(
      "Invalid platform settings: PLATFORM_CERT_FILE and PLATFORM_KEY_FILE go together (the client certificate and its key)",
    );
  }
  const read = (name: string, file: string | undefined) => {
    if (!file) return undefined;
    try {
      return readFileSync(file, "utf8");
    } catch (err) {
      throw new Error(
        `Invalid platform settings: ${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
  };
  return {
    url: e.PLATFORM_URL.replace(/\/+$/, ""),
    appId: e.PLATFORM_APP_ID,
    secret: e.PLATFORM_SECRET,
    ca: read("PLATFORM_CA_FILE", e.PLATFORM_CA_FILE),
    cert: read("PLATFORM_CERT_FILE", e.PLATFORM_CERT_FILE),
    key: read("PLATFORM_KEY_FILE", e.PLATFORM_KEY_FILE),
    discover: e.PLATFORM_DISCOVER === "1" || e.PLATFORM_DISCOVER === "true",
    syncSeconds: e.PLATFORM_SYNC_SECONDS,
    lostPushGraceSeconds: e.LOST_PUSH_GRACE_SECONDS,
    leaseSeconds: e.PLATFORM_LEASE_SECONDS,
  };
}
