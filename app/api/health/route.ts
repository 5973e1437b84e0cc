import { allowOnly, withErrors } from "@/lib/http";
import { getHealth } from "@/lib/queries/get-health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/health – 200 with the database kind, or the 503 envelope when the database is unreachable
export const GET = withErrors(async () =>
  Response.json(await getHealth(), { headers: { "Cache-Control": "no-store" } }),
);

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
