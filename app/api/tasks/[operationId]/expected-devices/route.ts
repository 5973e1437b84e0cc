import { auditSettingChange } from "@/lib/audit/settings";
import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId, parseQuery } from "@/lib/http-query";
import { listExpectedDevices } from "@/lib/queries/list-expected-devices";
import { TaskSubListQuerySchema } from "@/lib/schemas/targets";
import { deleteDeclaredTargets, replaceDeclaredTargets } from "@/lib/targets/declared-targets";
import { readDeviceList } from "@/lib/targets/read-device-list";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// GET /api/tasks/{operationId}/expected-devices – the task's target devices (platform and declared), keyset-paged
export const GET = withErrors(async (req: Request, ctx: Ctx) => {
  const q = parseQuery(TaskSubListQuerySchema, req);
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  return Response.json(await listExpectedDevices(operationId, q));
});

// PUT /api/tasks/{operationId}/expected-devices – replace the declared list (text/plain or text/csv body)
export const PUT = withErrors(async (req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const deviceIds = await readDeviceList(req);
  const change = await replaceDeclaredTargets(operationId, deviceIds);
  await auditSettingChange(req, `expected_devices:${operationId}`, "updated", {
    declared: deviceIds.length,
    ...change,
  });
  return Response.json(change);
});

// DELETE /api/tasks/{operationId}/expected-devices – remove the declared list (the platform's targets stay)
export const DELETE = withErrors(async (req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const change = await deleteDeclaredTargets(operationId);
  await auditSettingChange(req, `expected_devices:${operationId}`, "deleted", change);
  return Response.json(change);
});

// Any other method: 405 with Allow.
export const { POST, PATCH } = allowOnly("GET, HEAD, PUT, DELETE");
