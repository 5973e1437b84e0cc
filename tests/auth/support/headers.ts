import { expect } from "vitest";

/** The fixed headers every response carries, plus the CSP for its kind (HTML page or anything else). */
export function expectSecurityHeaders(res: { headers: Headers }, kind: "page" | "api"): void {
  const h = res.headers;
  expect(h.get("x-content-type-options")).toBe("nosniff");
  expect(h.get("referrer-policy")).toBe("same-origin");
  expect(h.get("x-frame-options")).toBe("DENY");
  const csp = h.get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  if (kind === "api") {
    expect(csp).toContain("default-src 'none'");
  } else {
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
  }
}

/** The nonce of a page response's CSP (and checks the page's headers on the way). */
export function pageNonce(res: Response): string {
  expectSecurityHeaders(res, "page");
  return /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")![1]!;
}
