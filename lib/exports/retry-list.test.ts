import { describe, expect, it } from "vitest";
import { exportFilename } from "./filename";
import { retryLine, retryListText } from "./retry-list";

// The retry list's lines: one id per line, nothing a paste could split or silently change.

describe("retry list", () => {
  it.each([
    ["868533041234567", "868533041234567\n"],
    ["7f3c2a10-5b4e-4d8a-9c61-2e0f4b7a9d35", "7f3c2a10-5b4e-4d8a-9c61-2e0f4b7a9d35\n"],
    ["设备-01", "设备-01\n"],
    ["dev\n=forged", '"dev\\n=forged"\n'],
    ["dev\r=forged", '"dev\\r=forged"\n'],
    // Escaped, not raw: an editor or the platform's text box may break the line at U+2028.
    ["dev\u2028x", '"dev\\u2028x"\n'],
    // A raw id that starts with a quote would read as the JSON form of another id ("=1" vs =1).
    ['"=1"', '"\\"=1\\""\n'],
    // Invisible format characters (bidi overrides, zero-width space, BOM) made visible.
    ["\u202e=1", '"\\u202e=1"\n'],
    ["dev\u200bx", '"dev\\u200bx"\n'],
    ["tag\u{E0041}", '"tag\\udb40\\udc41"\n'],
    [" padded", '" padded"\n'],
    ["tab\t", '"tab\\t"\n'],
  ])("writes %j as %j", (id, line) => {
    expect(retryLine(id)).toBe(line);
  });

  it("streams every batch in order and reads the next one only after a full batch", async () => {
    const ids = Array.from({ length: 12_001 }, (_, i) => `d${String(i).padStart(5, "0")}`);
    const calls: (string | null)[] = [];
    const read = async (after: string | null, limit: number) => {
      calls.push(after);
      const from = after === null ? 0 : ids.indexOf(after) + 1;
      return ids.slice(from, from + limit);
    };
    expect(await new Response(retryListText(read)).text()).toBe(ids.map((id) => `${id}\n`).join(""));
    expect(calls).toEqual([null, "d04999", "d09999"]);
    expect(await new Response(retryListText(async () => [])).text()).toBe("");
  });

  it("names downloads after the task and the UTC day, with only safe characters", () => {
    const day = new Date(Date.UTC(2026, 10, 29, 23, 59));
    expect(exportFilename("retry-devices", "a41e9c07d2b8", "txt", day)).toBe(
      "retry-devices-a41e9c07d2b8-2026-11-29.txt",
    );
    expect(exportFilename("failed-devices", 'x"; filename=evil.exe\r\n任务', "xlsx", day)).toBe(
      "failed-devices-x_filename_evil.exe_任务-2026-11-29.xlsx",
    );
    expect(exportFilename("failed-devices", "", "csv", day)).toBe("failed-devices-task-2026-11-29.csv");
  });
});
