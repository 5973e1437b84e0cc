import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId, parseQuery } from "@/lib/http-query";
import { listDisagreements } from "@/lib/queries/list-disagreements";
import { TaskSubListQuerySchema } from "@/lib/schemas/targets";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// GET /api/tasks/{operationId}/disagreements – devices whose platform status contradicts their outcome here, keyset-paged
export const GET = withErrors(async (req: Request, ctx: Ctx) => {
  const q = parseQuery(TaskSubListQuerySchema, req);
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  return Response.json(await listDisagreements(operationId, q));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
