// @ts-check
// Plain JavaScript so next.config.js can import it too: the one list of fixed security headers.

/** For responses that are not HTML pages (JSON, CSV, static files): nothing may load or frame them. */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {ReadonlyArray<readonly [string, string]>} */
export const BASE_SECURITY_HEADERS = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "same-origin"],
  // Older browsers ignore CSP frame-ancestors; this says the same to them.
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
];

/** Headers for a response the proxy never sees (static files, the lean callback path). */
export const NON_DOCUMENT_HEADERS = [...BASE_SECURITY_HEADERS, ["Content-Security-Policy", NON_DOCUMENT_CSP]];
