import { auditExport } from "@/lib/audit/export";
import { FAILED_SELECTION } from "@/lib/exports/selections";
import { describeRequester } from "@/lib/exports/requester";
import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId, parseQuery } from "@/lib/http-query";
import { openFailedDevices } from "@/lib/queries/list-failed-devices";
import { DeviceFiltersSchema } from "@/lib/schemas/devices";
import { failedDevicesXlsx, failedXlsxFilename, xlsxResponse } from "@/lib/xlsx/failed-devices-xlsx";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// GET /api/tasks/{operationId}/failed.xlsx – the task's failed.csv as a workbook (same filters, same columns), streamed
export const GET = withErrors(async (req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const filters = parseQuery(DeviceFiltersSchema, req);
  const read = await auditExport(req, await openFailedDevices({ operationId, filters }), {
    format: "xlsx",
    operationId,
    filters,
  });
  const about = {
    operationId,
    filters,
    selection: FAILED_SELECTION,
    exportedAt: new Date(),
    exportedBy: await describeRequester(req),
  };
  return xlsxResponse(failedDevicesXlsx(read, about), failedXlsxFilename(operationId));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
