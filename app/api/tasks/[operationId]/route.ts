import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId } from "@/lib/http-query";
import { getTaskDetail } from "@/lib/queries/get-task-detail";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// GET /api/tasks/{operationId} – counts, rates, timeline, transitions, error codes
export const GET = withErrors(async (_req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  return Response.json(await getTaskDetail(operationId));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
