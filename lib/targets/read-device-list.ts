import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_DEVICE_LIST_BYTES, parseDeviceList } from "./parse-device-list";

/**
 * Reads and parses the body of PUT /api/tasks/{operationId}/expected-devices. `text/csv` (or
 * `application/csv`) is read as CSV, `text/plain` or no type as one id per line; any other type is
 * 422 invalid_body. Past MAX_DEVICE_LIST_BYTES (16 MiB) reading stops: 413 payload_too_large. Bad
 * lines are 422 invalid_body with one detail per line (`field` = "line N"); an empty list is 422 too
 * (removing a list is DELETE, so a truncated upload cannot wipe one by accident).
 */
export async function readDeviceList(req: Request): Promise<string[]> {
  const type = (req.headers.get("content-type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
  const csv = type === "text/csv" || type === "application/csv";
  if (!csv && type !== "text/plain") {
    throw new AppError("invalid_body", "Send the deviceIds as text/plain (one per line) or text/csv.", [
      { field: "content-type", problem: "must be text/plain or text/csv" },
    ]);
  }
  const text = await readCapped(req, MAX_DEVICE_LIST_BYTES);
  const { deviceIds, problems } = parseDeviceList(text, csv);
  if (problems.length > 0) {
    throw new AppError(
      "invalid_body",
      "Some lines are not valid deviceIds; nothing was changed.",
      problems.map((p) => ({ field: p.line === 0 ? "body" : `line ${p.line}`, problem: p.problem })),
    );
  }
  if (deviceIds.length === 0)
    throw new AppError("invalid_body", "The list has no deviceId; to remove a declared list use DELETE.", [
      { field: "body", problem: "has no deviceId" },
    ]);
  return deviceIds;
}

/** The body as UTF-8, stopping (413) as soon as it passes `max` bytes rather than buffering it all. */
async function readCapped(req: Request, max: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const tooLarge = () => new AppError("payload_too_large", `The list is larger than ${max / (1024 * 1024)} MiB.`);
  if (declared > max) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_encoding", "The body is not UTF-8.");
  }
}
