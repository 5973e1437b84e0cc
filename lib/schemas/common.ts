import { z } from "zod";

// Building blocks for the URL/query schemas. Pure zod: imported by pages, API routes and browser hooks.

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

/** `?x=` in a URL means "no filter", not "filter on the empty string". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const optionalText = (max = 256) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const pageLimit = z.preprocess(
  blankToUndefined,
  z.coerce.number().int("must be a whole number").min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
);

/** Opaque keyset cursor (base64url); only the server can read it. */
export const cursorParam = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, "must be a cursor returned by this API")
    .optional(),
);

// A day (UTC) or an ISO-8601 instant with an explicit zone; anything else is ambiguous.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const instantParam = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(INSTANT, {
      message: "must be YYYY-MM-DD or an ISO-8601 time with a zone, e.g. 2026-01-31T08:00:00Z",
      abort: true,
    })
    .refine(isRealInstant, "is not a valid date")
    .optional(),
);

/** Date.parse rolls 2026-02-30 over into March; a filter date must exist as written. */
function isRealInstant(s: string): boolean {
  if (Number.isNaN(Date.parse(s))) return false;
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
  const day = new Date(Date.UTC(y, m - 1, d));
  const [hh, mm, ss] = [Number(s.slice(11, 13) || 0), Number(s.slice(14, 16) || 0), Number(s.slice(17, 19) || 0)];
  return (
    day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && hh < 24 && mm < 60 && ss < 60
  );
}

export const orderParam = z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).optional());

/** Flattens Next's `searchParams` or a URLSearchParams into the first value per key. */
export function firstValues(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(params)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first;
  }
  return out;
}

/** Field problems in the shape of the error envelope's `details`. */
export function zodProblems(error: z.ZodError): { field: string; problem: string }[] {
  return error.issues.map((i) => ({ field: i.path.join(".") || "(query)", problem: i.message }));
}
