import { allowOnly, withErrors } from "@/lib/http";
import { renderDocsHtml } from "@/lib/openapi/docs-html";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const runtime = "nodejs";

// GET /api/docs – the same document as a static HTML page (no scripts, no CDN)
export const GET = withErrors(
  async () =>
    new Response(renderDocsHtml(buildOpenApiDocument()), { headers: { "Content-Type": "text/html; charset=utf-8" } }),
);

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
