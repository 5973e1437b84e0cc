import { auditSettingChange } from "@/lib/audit/settings";
import { deleteErrorCodeMeaning, getErrorCodeDictionary, saveErrorCodeMeaning } from "@/lib/error-codes/dictionary";
import { dictionaryEditor } from "@/lib/error-codes/editor";
import { AppError } from "@/lib/errors";
import { allowOnly, withErrors } from "@/lib/http";
import { parseQuery } from "@/lib/http-query";
import { zodProblems } from "@/lib/schemas/common";
import { ErrorCodeKeyQuery, ErrorCodeMeaningInput } from "@/lib/schemas/error-codes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/error-codes – the documented result codes and the operators' own meanings
export const GET = withErrors(async () => Response.json(await getErrorCodeDictionary()));

// PUT /api/error-codes – add or override an operator meaning: {"kind","code","meaning"}
export const PUT = withErrors(async (req: Request) => {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("invalid_json", "Body is not valid JSON.");
  }
  const parsed = ErrorCodeMeaningInput.safeParse(body);
  if (!parsed.success) throw new AppError("invalid_body", "Not a valid dictionary entry.", zodProblems(parsed.error));
  const by = await dictionaryEditor(req);
  const saved = await saveErrorCodeMeaning(parsed.data, by);
  await auditSettingChange(req, `error_code:${parsed.data.kind}:${parsed.data.code}`, "updated", saved);
  return Response.json(saved);
});

// DELETE /api/error-codes?kind=…&code=… – remove an operator meaning (the documented one shows again)
export const DELETE = withErrors(async (req: Request) => {
  const q = parseQuery(ErrorCodeKeyQuery, req);
  await dictionaryEditor(req);
  if (!(await deleteErrorCodeMeaning(q.kind, q.code)))
    throw new AppError("not_found", "No operator meaning for that code.");
  await auditSettingChange(req, `error_code:${q.kind}:${q.code}`, "deleted");
  return new Response(null, { status: 204 });
});

// Any other method: 405 with Allow.
export const { POST, PATCH } = allowOnly("GET, HEAD, PUT, DELETE");
