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

/** A same-site path to return to after sign-in; anything else (other hosts, `//evil`, `/\evil`) becomes "/". */
export function safeReturnPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  return raw.slice(0, 2000);
}
