import "server-only";
import { auditRefusedCallbackToken } from "@/lib/audit/callback-token";
import { getEnv } from "@/lib/env";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { RETRY_AFTER_SECONDS, errorBody, isStorageError } from "@/lib/http";
import { DeadlineError, OverloadedError } from "@/lib/ingest/bounded-queue";
import { ingestNotification, writableDb } from "@/lib/ingest/ingest-notification";
import { countIgnored, quarantineRequest, type QuarantineRecord } from "@/lib/ingest/side-records";
import { parseNotification } from "@/lib/notifications/parse";
import { readBodyCapped } from "./read-body";
import { hasValidToken } from "./token";

/** Framework-free request: any adapter (route handler, node:http) can fill it in. */
export interface CallbackInput {
  /** The query string exactly as sent (the token is compared as written, see token.ts). */
  query: string;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | null;
  /** When the request arrived (epoch ms): the answer deadline counts from here, body read included. */
  receivedAt?: number;
}

export interface CallbackOutput {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * The platform waits 15 s; we answer well inside it whatever the database does, counting from the
 * request's arrival (a slow body read or a starved CPU eats into it). Whatever is left after the body
 * is read, but at least MIN_STORE_MS, goes to storage.
 */
const REQUEST_DEADLINE_MS = 8_000;
const MIN_STORE_MS = 500;

const ok = (body: unknown): CallbackOutput => ({ status: 200, body, headers: {} });

function fail(code: ErrorCode, message: string, details?: { field: string; problem: string }[]): CallbackOutput {
  const headers: Record<string, string> =
    code === "storage_unavailable" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {};
  return { status: ERROR_STATUS[code], body: errorBody(code, message, details), headers };
}

/** Receives one push: authenticate, read (capped), parse, then store, ignore or quarantine. */
export async function receiveCallback(input: CallbackInput): Promise<CallbackOutput> {
  const env = getEnv();
  if (env.CALLBACK_TOKEN && !hasValidToken(env.CALLBACK_TOKEN, input.query, input.headers.get("authorization"))) {
    auditRefusedCallbackToken(input.headers);
    return fail("unauthorized", "Missing or wrong callback token.");
  }
  const contentType = input.headers.get("content-type");
  const declared = Number(input.headers.get("content-length") ?? NaN);
  const deadlineAt = (input.receivedAt ?? Date.now()) + REQUEST_DEADLINE_MS;
  const read = await readBodyCapped(input.body, env.CALLBACK_MAX_BYTES, Number.isFinite(declared) ? declared : null);
  const storeBy = Math.max(deadlineAt, Date.now() + MIN_STORE_MS);
  try {
    return await withDeadline(storeBy, async () => {
      if (!read.ok) {
        const message = `Body is larger than ${env.CALLBACK_MAX_BYTES} bytes.`;
        await quarantine({
          status: 413,
          reason: "payload_too_large",
          message,
          details: [],
          contentType,
          bodySize: read.size,
          truncated: true,
          body: read.bytes,
        });
        return fail("payload_too_large", message);
      }
      const parsed = parseNotification(read.bytes);
      if (parsed.type === "refused") {
        const { code, message, details } = parsed.failure;
        await quarantine({
          status: ERROR_STATUS[code],
          reason: code,
          message,
          details,
          contentType,
          bodySize: read.bytes.byteLength,
          truncated: false,
          body: read.bytes,
        });
        return fail(code, message, details);
      }
      if (parsed.type === "ignored") {
        await countIgnored((await writableDb()).prisma, parsed.notifyType);
        return ok({ status: "ignored" });
      }
      const stored = await ingestNotification(parsed.notification, read.bytes.byteLength, storeBy);
      // Ids stay below 2^53 for centuries at any push rate, so JSON numbers carry them exactly.
      return ok({ status: stored.status, id: Number(stored.id) });
    });
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.details);
    // Never 200 for what is not committed; the platform retries a 503.
    logRefusal(err);
    const message =
      err instanceof OverloadedError
        ? err.message
        : isStorageError(err)
          ? "The database is unavailable; retry shortly."
          : "Could not store the notification; retry shortly.";
    return fail("storage_unavailable", message);
  }
}

// During an outage every push fails the same way: one log line a second, with a count, not 800.
const refusals = { last: 0, suppressed: 0 };
function logRefusal(err: unknown) {
  const now = Date.now();
  if (now - refusals.last < 1_000) {
    refusals.suppressed += 1;
    return;
  }
  const more = refusals.suppressed > 0 ? ` (+${refusals.suppressed} more since the last line)` : "";
  console.error(`[callback] not stored${more}:`, err instanceof Error ? err.message : err);
  refusals.last = now;
  refusals.suppressed = 0;
}

async function quarantine(record: QuarantineRecord) {
  await quarantineRequest((await writableDb()).prisma, record);
}

async function withDeadline<T>(deadlineAt: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const ms = deadlineAt - Date.now();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
