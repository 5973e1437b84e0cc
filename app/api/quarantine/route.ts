import { allowOnly, withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { listQuarantine } from "@/lib/queries/list-quarantine";
import { QuarantineQuerySchema } from "@/lib/schemas/quarantine";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/quarantine – refused requests (newest first, keyset-paged) and ignored notifyType counts
export const GET = withErrors(async (req: Request) => {
  const query = parseQuery(QuarantineQuerySchema, req);
  return Response.json(await listQuarantine(query));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
