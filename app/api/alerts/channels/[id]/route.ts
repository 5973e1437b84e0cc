import { auditSettingChange } from "@/lib/audit/settings";
import { deleteChannel, updateChannel } from "@/lib/alerts/channels";
import { parseId, readPatch } from "@/lib/alerts/request";
import { allowOnly, withErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

// PATCH /api/alerts/channels/{id} – change a channel; url and secret are kept unless sent
export const PATCH = withErrors(async (req: Request, ctx: Ctx) => {
  const id = parseId((await ctx.params).id, "channel");
  const channel = await updateChannel(id, await readPatch(req));
  await auditSettingChange(req, `alert_channel:${id}`, "updated", channel);
  return Response.json(channel);
});

// DELETE /api/alerts/channels/{id} – delete a channel (removed from rules; undelivered rows fail)
export const DELETE = withErrors(async (req: Request, ctx: Ctx) => {
  const id = parseId((await ctx.params).id, "channel");
  await deleteChannel(id);
  await auditSettingChange(req, `alert_channel:${id}`, "deleted");
  return new Response(null, { status: 204 });
});

// Any other method: 405 with Allow.
export const { GET, POST, PUT } = allowOnly("PATCH, DELETE");
