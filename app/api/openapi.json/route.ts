import { allowOnly, withErrors } from "@/lib/http";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const runtime = "nodejs";

// GET /api/openapi.json – the OpenAPI 3.1 document of this API, built from the routes' zod schemas
export const GET = withErrors(async () => Response.json(buildOpenApiDocument()));

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
