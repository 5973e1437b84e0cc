import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId } from "@/lib/http-query";
import { getDeviceHistory } from "@/lib/queries/get-device-history";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ deviceId: string }> };

// GET /api/devices/{deviceId} – every task and push of one device, oldest first
export const GET = withErrors(async (_req: Request, ctx: Ctx) => {
  const deviceId = parsePathId((await ctx.params).deviceId, "deviceId");
  return Response.json(await getDeviceHistory(deviceId));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
