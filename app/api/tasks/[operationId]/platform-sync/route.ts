import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId } from "@/lib/http-query";
import { getDb } from "@/lib/db";
import { platformSettings } from "@/lib/platform/start";
import { requestSync } from "@/lib/platform/status";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// POST /api/tasks/{operationId}/platform-sync – ask the connector to sync this task at its next tick
// (within a third of PLATFORM_LEASE_SECONDS). 202 { operationId, refreshRequestedAt, configured };
// without PLATFORM_URL the request is still recorded (configured: false) and nothing syncs it.
export const POST = withErrors(async (_req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const db = await getDb();
  db.assertWritable();
  const { refreshRequestedAt } = await requestSync(db.prisma, operationId);
  return Response.json(
    { operationId, refreshRequestedAt, configured: platformSettings().config !== null },
    { status: 202 },
  );
});

export const { GET, PUT, DELETE, PATCH } = allowOnly("POST");
