import "server-only";
import { z } from "zod";

// Alert timing knobs. The defaults are production values; tests shrink them (retries after an hour are
// not something a test can wait for), which is why every one of them is an environment variable.
const Schema = z.object({
  /** First retry delay; doubles per attempt up to ALERTS_RETRY_MAX_MS. */
  ALERTS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  ALERTS_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60_000),
  /** How long a delivery keeps being retried before it is marked failed (at least an hour in production). */
  ALERTS_RETRY_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(2 * 3_600_000),
  /** One HTTP or SMTP attempt's deadline. */
  ALERTS_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** The pass over tasks that changed since the last one. */
  ALERTS_EVAL_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  /** The pass for time-based kinds (silence, quarantine spikes, stale devices) and a full re-check. */
  ALERTS_SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(50).default(15_000),
  ALERTS_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  /** `0` turns the background evaluator and outbox worker off in this process. */
  ALERTS_WORKERS: z.enum(["0", "1"]).default("1"),
  PUBLIC_URL: z.string().trim().url().optional(),
});

export type AlertConfig = z.infer<typeof Schema>;

export function getAlertConfig(): AlertConfig {
  const parsed = Schema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid alert settings: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Exponential backoff: base, 2×base, 4×base … capped. `attempt` counts from 1. */
export function retryDelayMs(
  attempt: number,
  cfg: Pick<AlertConfig, "ALERTS_RETRY_BASE_MS" | "ALERTS_RETRY_MAX_MS">,
): number {
  return Math.min(cfg.ALERTS_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), cfg.ALERTS_RETRY_MAX_MS);
}
