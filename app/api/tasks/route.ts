import { allowOnly, withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { listTasks } from "@/lib/queries/list-tasks";
import { TaskListQuerySchema } from "@/lib/schemas/tasks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/tasks – tasks, filtered, sorted and keyset-paged
export const GET = withErrors(async (req: Request) => {
  const query = parseQuery(TaskListQuerySchema, req);
  return Response.json(await listTasks(query));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
