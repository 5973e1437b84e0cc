import { describe, expect, it } from "vitest";
import { downloadHeaders, exportFilename } from "./filename";

const day = new Date(Date.UTC(2026, 10, 29, 12));

// What a browser saves: RFC 6266 — filename* (RFC 8187, UTF-8) wins over the plain filename.
function savedName(disposition: string): string {
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]*)"/.exec(disposition)![1]!;
}

describe("export download names", () => {
  it("keep a Chinese or Japanese task name, so two such tasks' files do not get the same name", () => {
    const a = exportFilename("failed-devices", "任务一", "csv", day);
    const b = exportFilename("failed-devices", "任务二", "csv", day);
    const j = exportFilename("retry-devices", "アップグレード", "txt", day);
    expect(a).toBe("failed-devices-任务一-2026-11-29.csv");
    expect(savedName(new Headers(downloadHeaders("text/csv", a)).get("content-disposition")!)).toBe(a);
    expect(savedName(new Headers(downloadHeaders("text/csv", b)).get("content-disposition")!)).toBe(b);
    expect(savedName(new Headers(downloadHeaders("text/plain", j)).get("content-disposition")!)).toBe(j);
  });

  it("give a non-ASCII name an ASCII fallback and the UTF-8 name, nothing that breaks the header", () => {
    const name = exportFilename("failed-devices", 'x"; filename=evil.exe\r\n任务', "xlsx", day);
    expect(name).toBe("failed-devices-x_filename_evil.exe_任务-2026-11-29.xlsx");
    const disposition = new Headers(downloadHeaders("text/csv", name)).get("content-disposition")!;
    expect(disposition).toBe(
      `attachment; filename="failed-devices-x_filename_evil.exe_-2026-11-29.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(disposition).toMatch(/^[\x20-\x7e]+$/);
  });

  it("leave ASCII names exactly as before", () => {
    const name = exportFilename("failed-devices", "a/b%20c", "csv", day);
    expect(name).toBe("failed-devices-a_b_20c-2026-11-29.csv");
    expect(new Headers(downloadHeaders("text/csv", name)).get("content-disposition")).toBe(
      `attachment; filename="${name}"`,
    );
  });

  it("never split a character when cutting a long name", () => {
    const name = exportFilename("failed-devices", "😀".repeat(150), "csv", day);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });
});
