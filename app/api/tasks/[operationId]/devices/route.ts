import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId, parseQuery } from "@/lib/http-query";
import { listTaskDevices } from "@/lib/queries/list-task-devices";
import { DeviceListQuerySchema } from "@/lib/schemas/devices";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// GET /api/tasks/{operationId}/devices – one task's devices, filtered and keyset-paged
export const GET = withErrors(async (req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const query = parseQuery(DeviceListQuerySchema, req);
  return Response.json(await listTaskDevices(operationId, query));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
