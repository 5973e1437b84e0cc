import { MAX_ID_LENGTH } from "@/lib/notifications/parse";

// The body of PUT /api/tasks/{operationId}/expected-devices: a task's target devices as an operator
// exports them from the platform's console or a spreadsheet. Pure (no I/O) so every rule is unit-tested.

/**
 * Largest accepted body: 200,000 UUID deviceIds with line ends (7.4 MB) fit. Kept under the 10 MB that
 * Next's proxy buffers of a request body (proxy.ts): past that it hands the route a truncated body,
 * which would silently declare part of a list.
 */
export const MAX_DEVICE_LIST_BYTES = 8 * 1024 * 1024;
/** Most deviceIds in one list (the platform's largest documented task is far smaller). */
export const MAX_DEVICE_LIST_IDS = 500_000;

export interface LineProblem {
  /** 1-based line number in the body as sent. */
  line: number;
  problem: string;
}

export interface ParsedDeviceList {
  /** Distinct deviceIds in first-seen order (repeats are dropped, not errors). */
  deviceIds: string[];
  problems: LineProblem[];
}

/**
 * Parses a deviceId list. `csv` (text/csv): the column named `deviceId` (any case) of a header row,
 * or, without such a header, the first column of every row; quoted fields as RFC 4180 writes them.
 * Plain text: one deviceId per line. Blank lines are skipped; values are trimmed. A deviceId must be
 * what the push parser accepts (non-empty, at most 256 characters, no NUL): anything else is a
 * problem with its line number. At most 50 problems are reported.
 */
export function parseDeviceList(body: string, csv: boolean): ParsedDeviceList {
  const lines = body.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  let column = 0;
  let start = 0;
  if (csv && lines.length > 0) {
    const header = splitCsvLine(lines[0]!).map((c) => c.trim().toLowerCase());
    const at = header.indexOf("deviceid");
    if (at >= 0) {
      column = at;
      start = 1;
    }
  } else if (!csv && lines[0]?.trim().toLowerCase() === "deviceid") start = 1;

  const seen = new Set<string>();
  const deviceIds: string[] = [];
  const problems: LineProblem[] = [];
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const cells = csv ? splitCsvLine(raw) : [raw];
    const value = (cells[column] ?? "").trim();
    const problem = idProblem(value, cells.length <= column);
    if (problem) {
      if (problems.length < 50) problems.push({ line: i + 1, problem });
      continue;
    }
    if (!seen.has(value)) {
      seen.add(value);
      deviceIds.push(value);
    }
  }
  if (deviceIds.length > MAX_DEVICE_LIST_IDS)
    problems.unshift({ line: 0, problem: `more than ${MAX_DEVICE_LIST_IDS} deviceIds` });
  return { deviceIds, problems };
}

function idProblem(value: string, missing: boolean): string | null {
  if (missing) return "has no deviceId column";
  if (value === "") return "deviceId is empty";
  if (value.length > MAX_ID_LENGTH) return `deviceId must be at most ${MAX_ID_LENGTH} characters`;
  if (value.includes("\u0000")) return "deviceId must not contain NUL characters";
  return null;
}

/** One CSV record's fields ("a,""b"",c" → a, "b", c). A quoted field spanning lines is not supported. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === "") {
      quoted = true;
      cur = "";
    } else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}
