import "server-only";
import { AppError, ERROR_STATUS, type ErrorCode, type FieldProblem } from "@/lib/errors";

// The one error envelope: { "error": { "code", "message", "details"? } }, built from lib/errors' codes.
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldProblem[] };
}

export function errorBody(code: ErrorCode, message: string, details?: FieldProblem[]): ErrorBody {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

type MethodHandler = (req: Request) => Response;
type OtherMethods = Record<"GET" | "POST" | "PUT" | "DELETE" | "PATCH", MethodHandler>;

/**
 * 405 handlers for the methods a route does not serve, with `Allow` (Next's own 405 has none, and a
 * client or platform support engineer reading it should not have to guess). `allow` is the header.
 */
export function allowOnly(allow: string): OtherMethods {
  const handler: MethodHandler = () =>
    Response.json(errorBody("method_not_allowed", `Method not allowed; use ${allow}.`), {
      status: 405,
      headers: { Allow: allow },
    });
  return { GET: handler, POST: handler, PUT: handler, DELETE: handler, PATCH: handler };
}

/** Seconds a client should wait before retrying when storage is down. */
export const RETRY_AFTER_SECONDS = 5;

export function errorResponse(err: AppError): Response {
  const headers: Record<string, string> = {};
  if (err.code === "storage_unavailable") headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return Response.json(errorBody(err.code, err.message, err.details), { status: ERROR_STATUS[err.code], headers });
}

/**
 * True for failures that mean "the database is not there right now" rather than a bug: connection
 * trouble, timeouts, a closed or unopenable PGlite, a full disk, an overloaded ingest queue.
 */
export function isStorageError(err: unknown): boolean {
  // PGlite's Emscripten failures (ErrnoError, RuntimeError: Aborted()) are not always Error instances.
  if (typeof err !== "object" || err === null) return false;
  const e = err as { name?: unknown; message?: unknown; code?: unknown; errno?: unknown; cause?: unknown };
  if (STORAGE_ERROR_NAMES.has(String(e.name))) return true;
  if (e.cause !== undefined && e.cause !== err && isStorageError(e.cause)) return true;
  // Prisma's driver-adapter errors carry the driver's verdict as meta.driverAdapterError.cause.kind.
  const kind = (e as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta?.driverAdapterError?.cause
    ?.kind;
  const text = `${String(e.name ?? "")} ${String(e.message ?? "")} ${String(e.code ?? "")} ${String(kind ?? "")} ${e.errno !== undefined ? "ErrnoError" : ""}`;
  return /not queryable|DatabaseNotReachable|ConnectionClosed|SocketTimeout|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|timeout|terminat|Connection|connect|closed|P1001|P1017|P2024|P2028|57P0|08\d\d\d|53\d\d\d|shutting down|PGlite is clos|ENOSPC|No space left|disk full|Aborted\(\)|ErrnoError/i.test(
    text,
  );
}

// lib/db's StorageUnavailableError and lib/ingest's queue refusals, matched by name so this file
// needs no import from either.
const STORAGE_ERROR_NAMES = new Set(["StorageUnavailableError", "OverloadedError", "DeadlineError", "DirLockedError"]);

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** Wraps a route handler: AppErrors become envelopes, storage outages 503, anything else a logged 500. */
export function withErrors<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      if (err instanceof AppError) return errorResponse(err);
      if (isStorageError(err)) {
        console.error(
          `[http] ${req.method} ${new URL(req.url).pathname}: storage unavailable:`,
          (err as Error).message,
        );
        return errorResponse(new AppError("storage_unavailable", "The database is unavailable; retry shortly."));
      }
      console.error(`[http] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return errorResponse(new AppError("internal", "Internal error."));
    }
  };
}
