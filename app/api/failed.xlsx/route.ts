import { auditExport } from "@/lib/audit/export";
import { FAILED_SELECTION } from "@/lib/exports/selections";
import { describeRequester } from "@/lib/exports/requester";
import { allowOnly, withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { openFailedDevices } from "@/lib/queries/list-failed-devices";
import { TaskFiltersSchema } from "@/lib/schemas/tasks";
import { failedDevicesXlsx, failedXlsxFilename, xlsxResponse } from "@/lib/xlsx/failed-devices-xlsx";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/failed.xlsx – /api/failed.csv as a workbook: failed devices of every task matching the task-list filters, streamed
export const GET = withErrors(async (req: Request) => {
  const tasks = parseQuery(TaskFiltersSchema, req);
  const read = await auditExport(req, await openFailedDevices({ tasks }), {
    format: "xlsx",
    operationId: null,
    filters: tasks,
  });
  const about = {
    operationId: null,
    filters: tasks,
    selection: FAILED_SELECTION,
    exportedAt: new Date(),
    exportedBy: await describeRequester(req),
  };
  return xlsxResponse(failedDevicesXlsx(read, about), failedXlsxFilename("all"));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
