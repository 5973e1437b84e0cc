/**
 * What a request path needs. Exact matches only for the open ones, so no prefix trick
 * (`/api/healthz`, `/signin-other`) slips past the check.
 */
export type PathKind = "public" | "api" | "page";

const PUBLIC_EXACT = new Set(["/signin", "/api/health", "/api/callback", "/favicon.ico"]);
// Auth.js's own endpoints (csrf, providers, sign-in/out, OIDC callback): they must work before sign-in.
const PUBLIC_PREFIX = "/api/auth/";

export function classifyPath(pathname: string): PathKind {
  if (PUBLIC_EXACT.has(pathname) || pathname.startsWith(PUBLIC_PREFIX)) return "public";
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  return "page";
}

// Resolved against a placeholder origin: only a value that stays on it is a path of this app.
const PLACEHOLDER = "http://return-path.invalid";
// Browsers drop tabs and newlines from URLs and read \ as /, so a string check that sees "/\t/evil"
// or "/\\evil" as a path is fooled while the browser goes to //evil. Refuse them outright.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]/;

/**
 * A same-origin path to return to after sign-in, as the browser will read it: the value is resolved
 * as a URL (dot segments, tabs, backslashes as a browser would) and must stay on this origin, and
 * the *normalised* path is returned, never the raw string (`/.//evil` resolves to `//evil`, which a
 * browser follows to another host). Anything else becomes "/". A `token` query parameter (the
 * callback secret) is never carried along. `origin` lets Auth.js pass absolute URLs of this app.
 */
export function safeReturnPath(raw: string | null | undefined, origin?: string): string {
  if (!raw || raw.length > 2000 || UNSAFE_CHARS.test(raw)) return "/";
  // Without this app's origin to compare with, only a path is acceptable.
  if (!origin && !raw.startsWith("/")) return "/";
  let base = PLACEHOLDER;
  if (origin) {
    try {
      base = new URL(origin).origin;
    } catch {
      return "/";
    }
  }
  let url: URL;
  try {
    url = new URL(raw, `${base}/`);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.username || url.password) return "/";
  // After normalisation a path must still not be protocol-relative (or read as one).
  if (url.pathname.startsWith("//") || UNSAFE_CHARS.test(url.pathname)) return "/";
  return withoutTokenParam(url.pathname + url.search + url.hash);
}

/** `path?query` with every `token` parameter (any case) removed: it may carry CALLBACK_TOKEN. */
export function withoutTokenParam(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf("?");
  if (q < 0) return pathAndQuery;
  const hashAt = pathAndQuery.indexOf("#", q);
  const query = pathAndQuery.slice(q + 1, hashAt < 0 ? undefined : hashAt);
  const hash = hashAt < 0 ? "" : pathAndQuery.slice(hashAt);
  const rest = query
    .split("&")
    .filter((part) => part !== "" && !/^token$/i.test(decodeSafe(part.split("=", 1)[0]!)))
    .join("&");
  return pathAndQuery.slice(0, q) + (rest ? `?${rest}` : "") + hash;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}
