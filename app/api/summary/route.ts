import { allowOnly, withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { getFleetSummary } from "@/lib/queries/get-fleet-summary";
import { TaskFiltersSchema } from "@/lib/schemas/tasks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/summary – fleet headline over the tasks matching the task-list filters
export const GET = withErrors(async (req: Request) => {
  const filters = parseQuery(TaskFiltersSchema, req);
  return Response.json(await getFleetSummary(filters));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
