import { BASE_SECURITY_HEADERS, NON_DOCUMENT_CSP } from "./static-headers.js";

export { NON_DOCUMENT_CSP };

/** A fresh, unguessable nonce per request: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export interface PageCspOptions {
  nonce: string;
  /** Served over HTTPS: ask the browser to upgrade any stray http:// subresource. */
  https: boolean;
  /** Origins a sign-in form may be redirected to (the OIDC issuer). */
  formTargets?: string[];
  dev?: boolean;
}

/**
 * The page policy Next.js documents for the App Router: scripts only with this request's nonce
 * (Next puts it on its own scripts when it finds it in the request's CSP), never 'unsafe-inline'.
 * Styles keep 'unsafe-inline': React `style` attributes (chart sizes, bar widths) cannot carry a
 * nonce, and a nonce in style-src would make browsers ignore 'unsafe-inline'.
 */
export function pageCsp({ nonce, https, formTargets = [], dev = false }: PageCspOptions): string {
  return [
    "default-src 'self'",
    // React reconstructs server error stacks with eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((o) => ` ${o}`).join("")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Sets the fixed headers plus the given CSP on a response. */
export function applySecurityHeaders(headers: Headers, csp: string = NON_DOCUMENT_CSP): void {
  for (const [name, value] of BASE_SECURITY_HEADERS) headers.set(name, value);
  headers.set("Content-Security-Policy", csp);
}
