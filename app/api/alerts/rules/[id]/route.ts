import { parseId, readPatch } from "@/lib/alerts/request";
import { deleteRule, updateRule } from "@/lib/alerts/rules";
import { allowOnly, withErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

// PATCH /api/alerts/rules/{id} – change some fields of a rule (the result must still be a valid rule)
export const PATCH = withErrors(async (req: Request, ctx: Ctx) => {
  const id = parseId((await ctx.params).id, "rule");
  return Response.json(await updateRule(id, await readPatch(req)));
});

// DELETE /api/alerts/rules/{id} – delete a rule; its open firings close without notifications
export const DELETE = withErrors(async (_req: Request, ctx: Ctx) => {
  await deleteRule(parseId((await ctx.params).id, "rule"));
  return new Response(null, { status: 204 });
});

// Any other method: 405 with Allow.
export const { GET, POST, PUT } = allowOnly("PATCH, DELETE");
