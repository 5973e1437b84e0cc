import { isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/**
 * Proxy headers are the client's word. Without TRUST_PROXY every X-Forwarded-* and Forwarded header
 * is dropped before Next.js (or Auth.js, which builds redirects from X-Forwarded-Host) sees it, and
 * X-Forwarded-For is set to the socket's peer for the login limits. With TRUST_PROXY the proxy's
 * values are kept, but only well-formed ones: a malformed value is refused with 400 here, instead of
 * making URL parsing throw deeper down (a 500 without security headers, a stack per request).
 * Returns null when the request may go on, else the reason for the 400.
 */
export function sanitizeForwardedHeaders(req: IncomingMessage, trustProxy: boolean): string | null {
  const host = req.headers.host;
  if (host !== undefined && !isHostHeader(host)) return "Malformed Host header.";
  for (const name of Object.keys(req.headers)) {
    if (!name.startsWith("x-forwarded-") && name !== "forwarded") continue;
    if (!trustProxy || !(name in VALIDATORS)) {
      delete req.headers[name];
      continue;
    }
    const value = req.headers[name];
    if (typeof value !== "string" || !VALIDATORS[name]!(value)) return `Malformed ${name} header.`;
  }
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  return null;
}

const HOST_NAME =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** `name[:port]` or `[v6][:port]`: what the Host header and X-Forwarded-Host may hold. */
function isHostHeader(value: string): boolean {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m || value.length > 255) return false;
  const [, name = "", port] = m;
  if (port !== undefined && Number(port) > 65535) return false;
  if (name.startsWith("[")) return isIP(name.slice(1, -1)) === 6;
  return isIP(name) === 4 || HOST_NAME.test(name);
}

const list = (value: string) => value.split(",").map((v) => v.trim());

const FORWARDED_PAIR = /^(for|by|host|proto)=("[^"\\]*"|[A-Za-z0-9._:[\]-]+)$/i;

const VALIDATORS: Record<string, (value: string) => boolean> = {
  "x-forwarded-for": (v) => list(v).every((ip) => isIP(ip) !== 0),
  "x-forwarded-host": (v) => list(v).every(isHostHeader),
  "x-forwarded-proto": (v) => list(v).every((p) => p === "http" || p === "https"),
  "x-forwarded-port": (v) => list(v).every((p) => /^\d{1,5}$/.test(p) && Number(p) <= 65535),
  // RFC 7239: comma-separated elements of semicolon-separated pairs.
  forwarded: (v) => list(v).every((el) => el.split(";").every((pair) => FORWARDED_PAIR.test(pair.trim()))),
};

// TRACE (and CONNECT, TRACK…) reach Next only to fail with a 500 and a stack in the log per request.
const SUPPORTED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** True for a method this app answers; anything else gets a plain 405 before Next sees it. */
export function isSupportedMethod(method: string | undefined): boolean {
  return method !== undefined && SUPPORTED_METHODS.has(method);
}
