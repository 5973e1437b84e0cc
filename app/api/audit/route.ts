import { listAuditEvents } from "@/lib/audit/list";
import { allowOnly, withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { AuditQuerySchema } from "@/lib/schemas/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/audit – audit events (sign-ins, sign-outs, exports, …), filtered, newest first, keyset-paged
export const GET = withErrors(async (req: Request) => {
  const query = parseQuery(AuditQuerySchema, req);
  return Response.json(await listAuditEvents(query), { headers: { "Cache-Control": "no-store" } });
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
