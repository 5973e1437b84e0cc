import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { invalidBody } from "./channels";

const MAX_BODY = 64 * 1024;

/** A JSON request body: 400 invalid_json when it is not JSON, 413 past 64 KiB. */
async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY) throw new AppError("payload_too_large", "The body is larger than 64 KiB.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
}

/** Parses a body with a schema; field problems are 422 invalid_body. */
export async function parseBody<S extends z.ZodType>(schema: S, req: Request): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJson(req));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  return parsed.data;
}

/** A PATCH body: any JSON object; the merged result is validated by the store. */
export async function readPatch(req: Request): Promise<Record<string, unknown>> {
  const body = await readJson(req);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new AppError("invalid_body", "The body must be a JSON object.");
  return body as Record<string, unknown>;
}

/** `/…/[id]` as a positive integer, else 404 (an id that cannot exist is simply not there). */
export function parseId(raw: string, what: string): number {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw new AppError("not_found", `No ${what} ${raw}.`);
  return id;
}
