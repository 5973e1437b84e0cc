import { describe, expect, inject, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";

// The API reference as the built server serves it: the document at /api/openapi.json and its page at
// /api/docs (lib/openapi/openapi.test.ts checks the document's coverage and examples).

describe("API reference over HTTP", () => {
  const base = () => inject("pgliteServerUrl");

  it("serves the OpenAPI 3.1 document as JSON", async () => {
    const res = await fetch(`${base()}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it("serves the same operations as a static HTML page, with no script", async () => {
    const res = await fetch(`${base()}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<code>GET /api/tasks/{operationId}/devices</code>");
    expect(html).toContain("<code>POST /api/callback</code>");
    expect(html).not.toMatch(/<script/i);
  });

  it("answers other methods with 405 and Allow, in the one envelope", async () => {
    const res = await fetch(`${base()}/api/openapi.json`, { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });
});
