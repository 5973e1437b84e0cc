import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { getAccessSettings } from "@/lib/auth/settings";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Next builds a route handler's URL from its own listen address (and NextURL turns 127.0.0.1 into
 * "localhost"), while Auth.js's server actions and session checks go by the Host header. Rebuild
 * the URL from the headers, as a plain Request, so sign-in redirects, cookies and the OIDC
 * redirect_uri all name the host the browser used. AUTH_URL, when set, wins (Auth.js applies it).
 */
function withBrowserOrigin(req: NextRequest): NextRequest {
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (process.env.AUTH_URL || !host) return req;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  try {
    const url = new URL(req.nextUrl.pathname + req.nextUrl.search, `${proto}://${host}`);
    const init = { method: req.method, headers: req.headers, body: req.body, duplex: "half", signal: req.signal };
    // Auth.js's core reads only the standard Request fields.
    return new Request(url, init as RequestInit) as NextRequest;
  } catch {
    return req; // a Host header that is not a host name: keep Next's URL
  }
}

// With no sign-in method configured there is no Auth.js (and no secret for it): its routes do not exist.
function whenConfigured(handler: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    if (!getAccessSettings().interactive) return errorResponse(new AppError("not_found", "Sign-in is not configured."));
    return handler(withBrowserOrigin(req));
  };
}

// GET /api/auth/* – Auth.js: csrf token, providers, session, OIDC start and callback
export const GET = whenConfigured(handlers.GET);
// POST /api/auth/* – Auth.js: credentials sign-in, OIDC sign-in start, sign-out (CSRF-checked)
export const POST = whenConfigured(handlers.POST);
