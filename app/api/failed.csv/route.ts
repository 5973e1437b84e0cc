import { csvResponse, failedCsvFilename, failedDevicesCsv } from "@/lib/csv/failed-devices-csv";
import { auditExport } from "@/lib/audit/export";
import { allowOnly, withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { openFailedDevices } from "@/lib/queries/list-failed-devices";
import { TaskFiltersSchema } from "@/lib/schemas/tasks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/failed.csv – failed devices of every task matching the task-list filters, streamed
export const GET = withErrors(async (req: Request) => {
  const tasks = parseQuery(TaskFiltersSchema, req);
  const read = await auditExport(req, await openFailedDevices({ tasks }), {
    format: "csv",
    operationId: null,
    filters: tasks,
  });
  return csvResponse(failedDevicesCsv(read), failedCsvFilename("all"));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
