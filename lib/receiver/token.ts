import { createHash, timingSafeEqual } from "node:crypto";

/** Shorter tokens are refused at start: a callback URL is its only protection (the platform sends no header). */
export const MIN_CALLBACK_TOKEN_LENGTH = 16;

/**
 * The platform cannot add headers, so the secret may come as ?token=; scripts may prefer a Bearer
 * header. `rawQuery` is the query string exactly as sent: the token is taken as the operator wrote
 * it in the URL, or percent-decoded — never with `+` read as a space (form decoding), which would
 * refuse every push for a base64 token such as `openssl rand -base64` prints.
 * Compared in constant time over fixed-length digests so the length does not leak either.
 */
export function hasValidToken(expected: string, rawQuery: string, authorization: string | null): boolean {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const candidates = [...queryTokens(rawQuery)];
  if (bearer) candidates.push(bearer);
  const want = digest(expected);
  let ok = false;
  // Every candidate is compared (no early exit), so timing does not say which form matched.
  for (const c of candidates) ok = timingSafeEqual(digest(c), want) || ok;
  return ok;
}

/**
 * The first non-empty `token` parameter: as written, and percent-decoded when that differs. (Under
 * plain `next start` the route handler sees Next's re-serialised query, where `%20` has become `+`:
 * there the two are indistinguishable, which only ever lets the holder of the token in.)
 */
function queryTokens(rawQuery: string): string[] {
  const q = rawQuery.startsWith("?") ? rawQuery.slice(1) : rawQuery;
  for (const pair of q.split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq) !== "token") continue;
    const raw = pair.slice(eq + 1);
    if (raw === "") continue;
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // not valid percent-encoding: only the literal form can match
    }
    return decoded === raw ? [raw] : [raw, decoded];
  }
  return [];
}

const digest = (s: string) => createHash("sha256").update(s).digest();
