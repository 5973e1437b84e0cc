import { csvResponse, failedCsvFilename, failedDevicesCsv } from "@/lib/csv/failed-devices-csv";
import { auditExport } from "@/lib/audit/export";
import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId, parseQuery } from "@/lib/http-query";
import { openFailedDevices } from "@/lib/queries/list-failed-devices";
import { DeviceFiltersSchema } from "@/lib/schemas/devices";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// GET /api/tasks/{operationId}/failed.csv – the task's failed devices (same filters as its device list), streamed
export const GET = withErrors(async (req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const filters = parseQuery(DeviceFiltersSchema, req);
  const read = await auditExport(req, await openFailedDevices({ operationId, filters }), {
    format: "csv",
    operationId,
    filters,
  });
  return csvResponse(failedDevicesCsv(read), failedCsvFilename(operationId));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
