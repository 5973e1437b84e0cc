import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The platform cannot add headers, so the secret may come as ?token=; scripts may prefer a Bearer
 * header. Compared in constant time over fixed-length digests so the length does not leak either.
 */
export function hasValidToken(expected: string, query: URLSearchParams, authorization: string | null): boolean {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const given = query.get("token") || bearer;
  if (!given) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
