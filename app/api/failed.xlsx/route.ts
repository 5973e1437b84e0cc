import { FAILED_SELECTION } from "@/lib/exports/selections";
import { describeRequester } from "@/lib/exports/requester";
import { withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { openFailedDevices } from "@/lib/queries/list-failed-devices";
import { TaskFiltersSchema } from "@/lib/schemas/tasks";
import { failedDevicesXlsx, failedXlsxFilename, xlsxResponse } from "@/lib/xlsx/failed-devices-xlsx";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/failed.xlsx – /api/failed.csv as a workbook: failed devices of every task matching the task-list filters, streamed
export const GET = withErrors(async (req: Request) => {
  const tasks = parseQuery(TaskFiltersSchema, req);
  const read = await openFailedDevices({ tasks });
  const about = { operationId: null, filters: tasks, selection: FAILED_SELECTION, exportedAt: new Date(), exportedBy: await describeRequester(req) };
  return xlsxResponse(failedDevicesXlsx(read, about), failedXlsxFilename("all"));
});
