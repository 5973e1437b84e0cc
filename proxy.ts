import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { matchApiToken, readBearer } from "@/lib/auth/api-tokens";
import type { NextAuthRequest } from "next-auth";
import { auth, SIGN_IN_PATH } from "@/lib/auth/auth";
import { auditApiToken } from "@/lib/auth/audit-api-token";
import { classifyPath, withoutTokenParam, type PathKind } from "@/lib/auth/paths";
import { getAccessSettings, type AccessSettings } from "@/lib/auth/settings";
import { errorBody } from "@/lib/http";
import { applySecurityHeaders, createNonce, pageCsp } from "@/lib/security/headers";

// The one place access is enforced: every page and API request passes here (see `config` for what
// does not), gets its security headers, and is let through, redirected to sign-in, or answered 401.

/** Lets the request through; a page also gets a per-request CSP nonce that Next puts on its scripts. */
function forward(req: NextRequest, kind: PathKind, settings: AccessSettings): NextResponse {
  if (kind === "api" || req.nextUrl.pathname.startsWith("/api/")) {
    const res = NextResponse.next();
    applySecurityHeaders(res.headers);
    return res;
  }
  const csp = pageCsp({
    nonce: createNonce(),
    https: req.nextUrl.protocol === "https:",
    formTargets: settings.oidc ? [new URL(settings.oidc.issuer).origin] : [],
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  applySecurityHeaders(res.headers, csp);
  return res;
}

function unauthorized(message: string, challenge: string): NextResponse {
  const res = NextResponse.json(errorBody("unauthorized", message), { status: 401 });
  res.headers.set("WWW-Authenticate", challenge);
  res.headers.set("Cache-Control", "no-store");
  applySecurityHeaders(res.headers);
  return res;
}

function toSignIn(req: NextRequest): NextResponse {
  const target = new URL(SIGN_IN_PATH, req.nextUrl);
  // Never the callback secret: `/API/callback?token=…` (a page path, mis-cased) must not echo it back.
  target.search = new URLSearchParams({
    callbackUrl: withoutTokenParam(req.nextUrl.pathname + req.nextUrl.search),
  }).toString();
  const res = NextResponse.redirect(target);
  applySecurityHeaders(res.headers);
  return res;
}

// Auth.js reads and refreshes the session cookie; its jwt callback refuses revoked sessions.
const guard = (req: NextAuthRequest): NextResponse => {
  const kind = classifyPath(req.nextUrl.pathname);
  if (req.auth?.user) return forward(req, kind, getAccessSettings());
  return kind === "api"
    ? unauthorized("Sign in, or send an API token as Authorization: Bearer <token>.", 'Bearer realm="upgrade-monitor"')
    : toSignIn(req);
};
type Guarded = (req: NextRequest, event: NextFetchEvent) => Promise<Response | null | undefined | void>;
// With a lazily built config Auth.js hands the wrapped handler back in a promise (its types say
// otherwise); awaiting covers both.
const withSession: Promise<Guarded> = Promise.resolve(auth(guard) as unknown as Guarded | Promise<Guarded>);

export async function proxy(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  let settings: AccessSettings;
  try {
    settings = getAccessSettings();
  } catch (err) {
    // Fail closed: a broken sign-in configuration must never mean an open dashboard.
    console.error((err as Error).message);
    const res = NextResponse.json(errorBody("internal", "Internal error."), { status: 500 });
    applySecurityHeaders(res.headers);
    return res;
  }
  const kind = classifyPath(req.nextUrl.pathname);
  if (settings.mode === "open" || kind === "public") return forward(req, kind, settings);

  const bearer = kind === "api" ? readBearer(req.headers.get("authorization")) : null;
  if (bearer !== null) {
    // Tokens are for scripts that read: any other method needs a signed-in operator.
    const readOnly = req.method === "GET" || req.method === "HEAD";
    const tokenName = readOnly ? matchApiToken(bearer, settings.apiTokens) : null;
    await auditApiToken(tokenName, req.headers);
    if (tokenName) return forward(req, kind, settings);
    return unauthorized("The API token is not valid.", 'Bearer realm="upgrade-monitor", error="invalid_token"');
  }
  if (!settings.interactive) {
    return kind === "api"
      ? unauthorized("Send an API token as Authorization: Bearer <token>.", 'Bearer realm="upgrade-monitor"')
      : toSignIn(req);
  }
  // The wrapper always answers with a Response; the fallback only satisfies Next's wider middleware type.
  return (await (await withSession)(req, event)) ?? toSignIn(req);
}

export const config = {
  matcher: [
    // Not static build files (immutable, public) and not POST /api/callback: a proxy makes Next buffer
    // the request body (up to 10 MB) before the receiver's own size cap sees it. next.config.js gives
    // both their security headers instead; the callback keeps its own CALLBACK_TOKEN check.
    // Only the image optimiser's exact path: `/_next/image/x`, `/_next/imagex` are pages (404) like any other.
    "/((?!_next/static/|_next/image$|api/callback$).*)",
  ],
};
