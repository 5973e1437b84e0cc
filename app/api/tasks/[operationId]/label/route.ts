import { parseBody } from "@/lib/alerts/request";
import { requestActor } from "@/lib/audit/actor";
import { auditSettingChange } from "@/lib/audit/settings";
import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId } from "@/lib/http-query";
import { TaskLabelInputSchema } from "@/lib/schemas/targets";
import { setTaskLabel } from "@/lib/targets/task-label";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// PUT /api/tasks/{operationId}/label – set an operator's name for the task ({"label": ""} removes it)
export const PUT = withErrors(async (req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const { label } = await parseBody(TaskLabelInputSchema, req);
  const state = await setTaskLabel(operationId, label, (await requestActor(req)).actor ?? "open access");
  await auditSettingChange(req, `task_label:${operationId}`, label === "" ? "deleted" : "updated", state);
  return Response.json(state);
});

// Any other method: 405 with Allow.
export const { GET, POST, DELETE, PATCH } = allowOnly("PUT");
