import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocsHtml } from "./docs-html";
import { buildOpenApiDocument, ERROR_EXAMPLE, ErrorBodySchema } from "./document";
import { OPERATIONS } from "./operations";

const apiDir = join(import.meta.dirname, "..", "..", "app", "api");

/** Every route.ts under app/api as an OpenAPI path: `[id]` and `[...rest]` become `{id}` and `{rest}`. */
function routePaths(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return routePaths(full);
    if (entry.name !== "route.ts") return [];
    const segments = relative(apiDir, dir).split(sep).filter(Boolean);
    return [["/api", ...segments.map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"))].join("/")];
  });
}

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };

  it("is OpenAPI 3.1 and documents every route under app/api, and nothing that is not one", () => {
    const routes = routePaths(apiDir).sort();
    expect(routes.length).toBeGreaterThan(20);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(routes);
  });

  it("gives every query and body an example that its own schema accepts", () => {
    for (const op of OPERATIONS) {
      const where = `${op.method.toUpperCase()} ${op.path}`;
      if (op.query) {
        expect(op.queryExample, `${where} query example`).toBeDefined();
        const parsed = op.query.safeParse(op.queryExample);
        expect(parsed.success, `${where} query example: ${parsed.error?.message}`).toBe(true);
        // An example naming a parameter the schema does not have would document a filter that does not exist.
        for (const name of Object.keys(op.queryExample ?? {}))
          expect(Object.keys(op.query.shape), where).toContain(name);
      }
      if (op.body) {
        const parsed = op.body.safeParse(op.bodyExample);
        expect(parsed.success, `${where} body example: ${parsed.error?.message}`).toBe(true);
      }
    }
    expect(ErrorBodySchema.safeParse(ERROR_EXAMPLE).success).toBe(true);
  });

  it("lists path parameters the path names, once each", () => {
    for (const op of OPERATIONS) {
      const named = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(op.pathParams ?? {}), `${op.method} ${op.path}`).toEqual(named);
    }
  });

  it("renders every operation on the HTML page, escaped", () => {
    const html = renderDocsHtml(buildOpenApiDocument());
    for (const op of OPERATIONS) expect(html).toContain(`<code>${op.method.toUpperCase()} ${op.path}</code>`);
    expect(html).not.toMatch(/<script/i);
  });
});
