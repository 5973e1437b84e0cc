import { allowOnly, withErrors } from "@/lib/http";
import { getDb } from "@/lib/db";
import { platformSettings } from "@/lib/platform/start";
import { getPlatformStatus } from "@/lib/platform/status";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/platform/status – the platform connector's state (lib/platform/status.ts); never a secret.
export const GET = withErrors(async () => {
  const { config, error } = platformSettings();
  const db = await getDb();
  return Response.json(await getPlatformStatus(db.prisma, config, error), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
