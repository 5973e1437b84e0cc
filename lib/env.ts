import "server-only";
import { z } from "zod";

// One parse of the environment for the whole server; invalid values fail loudly at first use.
const EnvSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  PGLITE_DIR: z.string().trim().min(1).default("./data/pglite"),
  CALLBACK_TOKEN: z.string().min(1).optional(),
  CALLBACK_MAX_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
  PUBLIC_URL: z.string().trim().url().optional(),
  RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
    cached = parsed.data;
  }
  return cached;
}
