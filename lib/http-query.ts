import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { firstValues, zodProblems } from "@/lib/schemas/common";
import { PathIdSchema } from "@/lib/schemas/devices";

/** Parses a request's query string with one of the shared schemas; failures are `invalid_query` (400). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = schema.safeParse(firstValues(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("invalid_query", "Invalid query parameters.", zodProblems(parsed.error));
  return parsed.data;
}

/** A path id (operationId, deviceId). Next has already decoded the segment. */
export function parsePathId(value: string, field: string): string {
  const parsed = PathIdSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("invalid_query", "Invalid path parameter.", [{ field, problem: "must be 1 to 256 characters" }]);
  }
  return parsed.data;
}

/**
 * Decode once, everywhere: Next 16 hands a page component its params still percent-encoded, but
 * generateMetadata (and route handlers) get them already decoded. Decoding the metadata's copy again
 * titled device `dev%41pct` "Device devApct". So: pages call decodePageParam(), metadata calls
 * metadataParam() (tests/integration/trust-values.test.ts checks both against the real server).
 */
export function metadataParam(decoded: string): string {
  return decoded;
}

/** A page component's param: decoded once; a segment that is not valid percent-encoding is used as it is. */
export function decodePageParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
