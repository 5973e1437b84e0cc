import { createChannel, listChannels } from "@/lib/alerts/channels";
import { auditSettingChange } from "@/lib/audit/settings";
import { parseBody } from "@/lib/alerts/request";
import { allowOnly, withErrors } from "@/lib/http";
import { ChannelInputSchema } from "@/lib/schemas/alerts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/alerts/channels – every channel, without its secret or full URL
export const GET = withErrors(async () => Response.json({ channels: await listChannels() }));

// POST /api/alerts/channels – create a channel (201 with the channel and its id)
export const POST = withErrors(async (req: Request) => {
  const input = await parseBody(ChannelInputSchema, req);
  const channel = await createChannel(input);
  await auditSettingChange(req, `alert_channel:${channel.id}`, "created", channel);
  return Response.json(channel, { status: 201 });
});

// Any other method: 405 with Allow.
export const { PUT, DELETE, PATCH } = allowOnly("GET, HEAD, POST");
