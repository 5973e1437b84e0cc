import { sendTestMessage } from "@/lib/alerts/channels";
import { parseId } from "@/lib/alerts/request";
import { allowOnly, withErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

// POST /api/alerts/channels/{id}/test – send a test message now; 200 with what the receiver answered
export const POST = withErrors(async (_req: Request, ctx: Ctx) => {
  return Response.json(await sendTestMessage(parseId((await ctx.params).id, "channel")));
});

// Any other method: 405 with Allow.
export const { GET, PUT, DELETE, PATCH } = allowOnly("POST");
