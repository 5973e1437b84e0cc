import "server-only";
import { auditRefusedCallbackToken } from "@/lib/audit/callback-token";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, ERROR_STATUS, RETRY_AFTER_SECONDS, errorBody, isStorageError, type ErrorCode } from "@/lib/http";
import { GroupCommitter } from "@/lib/ingest/group-commit";
import { countIgnored, quarantineRequest, type QuarantineRecord } from "@/lib/ingest/side-records";
import { storeBatch, type StoreResult } from "@/lib/ingest/store-batch";
import { parseNotification } from "@/lib/notifications/parse";
import type { ParsedNotification } from "@/lib/notifications/types";
import { readBodyCapped } from "./read-body";
import { hasValidToken } from "./token";

/** Framework-free request: any adapter (route handler, node:http) can fill it in. */
export interface CallbackInput {
  query: URLSearchParams;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | null;
}

export interface CallbackOutput {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** The platform waits 15 s; we answer well inside it whatever the database does. */
const STORE_DEADLINE_MS = 8_000;

const holder = globalThis as unknown as { __umCommitter?: GroupCommitter<ParsedNotification, StoreResult> };

function committer(): GroupCommitter<ParsedNotification, StoreResult> {
  holder.__umCommitter ??= new GroupCommitter(async (items) => storeBatch((await getDb()).prisma, items), {
    maxBatch: 500,
    // One transaction in flight per process: concurrent batches contend for the same task rows,
    // and measured slower (BENCHMARKS.md); the next batch simply grows while this one commits.
    maxInFlight: 1,
  });
  return holder.__umCommitter;
}

const ok = (body: unknown): CallbackOutput => ({ status: 200, body, headers: {} });

function fail(code: ErrorCode, message: string, details?: { field: string; problem: string }[]): CallbackOutput {
  const headers: Record<string, string> = code === "storage_unavailable" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {};
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
  const read = await readBodyCapped(input.body, env.CALLBACK_MAX_BYTES, Number.isFinite(declared) ? declared : null);
  try {
    return await withDeadline(async () => {
      if (!read.ok) {
        const message = `Body is larger than ${env.CALLBACK_MAX_BYTES} bytes.`;
        await quarantine({ status: 413, reason: "payload_too_large", message, details: [], contentType, bodySize: read.size, truncated: true, body: read.bytes });
        return fail("payload_too_large", message);
      }
      const parsed = parseNotification(read.bytes);
      if (parsed.type === "refused") {
        const { code, message, details } = parsed.failure;
        await quarantine({ status: ERROR_STATUS[code], reason: code, message, details, contentType, bodySize: read.bytes.byteLength, truncated: false, body: read.bytes });
        return fail(code, message, details);
      }
      if (parsed.type === "ignored") {
        await countIgnored((await getDb()).prisma, parsed.notifyType);
        return ok({ status: "ignored" });
      }
      const stored = await committer().submit(parsed.notification);
      return ok({ status: stored.status, id: stored.id });
    });
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.details);
    // Never 200 for what is not committed; the platform retries a 503.
    console.error("[callback] not stored:", err instanceof Error ? err.message : err);
    const message = isStorageError(err) ? "The database is unavailable; retry shortly." : "Could not store the notification; retry shortly.";
    return fail("storage_unavailable", message);
  }
}

async function quarantine(record: QuarantineRecord) {
  await quarantineRequest((await getDb()).prisma, record);
}

async function withDeadline<T>(work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`storage did not answer within ${STORE_DEADLINE_MS} ms (timeout)`)), STORE_DEADLINE_MS);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
