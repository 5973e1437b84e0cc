import { parseId, readPatch } from "@/lib/alerts/request";
import { auditSettingChange } from "@/lib/audit/settings";
import { deleteRule, updateRule } from "@/lib/alerts/rules";
import { allowOnly, withErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

// PATCH /api/alerts/rules/{id} – change some fields of a rule (the result must still be a valid rule)
export const PATCH = withErrors(async (req: Request, ctx: Ctx) => {
  const id = parseId((await ctx.params).id, "rule");
  const rule = await updateRule(id, await readPatch(req));
  await auditSettingChange(req, `alert_rule:${id}`, "updated", rule);
  return Response.json(rule);
});

// DELETE /api/alerts/rules/{id} – delete a rule; its open firings close without notifications
export const DELETE = withErrors(async (req: Request, ctx: Ctx) => {
  const id = parseId((await ctx.params).id, "rule");
  await deleteRule(id);
  await auditSettingChange(req, `alert_rule:${id}`, "deleted");
  return new Response(null, { status: 204 });
});

// Any other method: 405 with Allow.
export const { GET, POST, PUT } = allowOnly("PATCH, DELETE");
