import { listFirings } from "@/lib/alerts/firing-list";
import { allowOnly, withErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/alerts/firings – the 100 newest firings with their resolutions and deliveries
export const GET = withErrors(async () => Response.json({ firings: await listFirings() }));

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
