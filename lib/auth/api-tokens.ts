import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * API tokens for scripts. The operator configures only SHA-256 digests (`API_TOKENS=name:<hex>`):
 * the tokens are 256 random bits, so a fast hash is enough (a KDF protects guessable passwords), and a
 * leaked environment does not leak a usable token.
 */
export interface ApiToken {
  name: string;
  digest: Buffer;
}

const ENTRY = /^([A-Za-z0-9._-]{1,64}):([0-9a-fA-F]{64})$/;

export function parseApiTokens(raw: string | undefined): ApiToken[] {
  const tokens: ApiToken[] = [];
  for (const entry of (raw ?? "").split(/[\s,]+/).filter(Boolean)) {
    const m = ENTRY.exec(entry);
    if (!m) throw new Error("API_TOKENS entries are `name:<sha256 hex>`, as printed by `npm run auth:api-token`");
    tokens.push({ name: m[1]!, digest: Buffer.from(m[2]!, "hex") });
  }
  return tokens;
}

export function digestApiToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** The name of the token that matches, or null. Every configured digest is compared, in constant time. */
export function matchApiToken(given: string, tokens: ApiToken[]): string | null {
  const digest = digestApiToken(given);
  let found: string | null = null;
  for (const t of tokens) {
    if (timingSafeEqual(digest, t.digest) && found === null) found = t.name;
  }
  return found;
}

/** A new token: a recognisable prefix (secret scanners, logs review) plus 32 random bytes. */
export function generateApiToken(): string {
  return `um_${randomBytes(32).toString("base64url")}`;
}

/** The bearer token of an `Authorization: Bearer …` header, or null. */
export function readBearer(authorization: string | null): string | null {
  const m = authorization?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return m?.[1] ?? null;
}
