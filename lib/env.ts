import "server-only";
import { z } from "zod";
import { MIN_CALLBACK_TOKEN_LENGTH } from "@/lib/receiver/token";

// One parse of the environment for the whole server; invalid values fail loudly at first use.
const EnvSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  PGLITE_DIR: z.string().trim().min(1).default("./data/pglite"),
  // Set means a secret: long enough to be one (npm run auth:callback-token makes one). Checked at start.
  CALLBACK_TOKEN: z
    .string()
    .min(
      MIN_CALLBACK_TOKEN_LENGTH,
      `must be at least ${MIN_CALLBACK_TOKEN_LENGTH} characters (npm run auth:callback-token prints one)`,
    )
    .optional(),
  CALLBACK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(64 * 1024),
  PUBLIC_URL: z.string().trim().url().optional(),
  RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  // Hours (fractional allowed) after which an in-progress device with no event is stale (lib/queries/stale.ts).
  STALE_AFTER_HOURS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number()
      .gt(0)
      .max(24 * 365)
      .default(24),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** At start: a bad environment (a too-short CALLBACK_TOKEN, …) stops the server with the variable's name, never its value. */
export function checkEnvAtStart(): void {
  try {
    getEnv();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

export function getEnv(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
    cached = parsed.data;
  }
  return cached;
}
