import { auditExport } from "@/lib/audit/export";
import { openRetryDevices, retryFilename, retryListText, textResponse } from "@/lib/exports/retry-list";
import { allowOnly, withErrors } from "@/lib/http";
import { parsePathId, parseQuery } from "@/lib/http-query";
import { DeviceFiltersSchema } from "@/lib/schemas/devices";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ operationId: string }> };

// GET /api/tasks/{operationId}/retry.txt – deviceIds to retry (retryCandidates()), one per line, with the device-list filters
export const GET = withErrors(async (req: Request, ctx: Ctx) => {
  const operationId = parsePathId((await ctx.params).operationId, "operationId");
  const filters = parseQuery(DeviceFiltersSchema, req);
  const read = await auditExport(req, await openRetryDevices(operationId, filters), {
    format: "txt",
    operationId,
    filters,
  });
  return textResponse(retryListText(read), retryFilename(operationId));
});

// Any other method: 405 with Allow.
export const { POST, PUT, DELETE, PATCH } = allowOnly("GET, HEAD");
