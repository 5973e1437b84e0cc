import { describe, expect, it } from "vitest";
import { parseUpgradeTime } from "./upgrade-time";

describe("parseUpgradeTime", () => {
  it.each([
    ["20240115T083012Z", "2024-01-15T08:30:12.000Z"],
    ["20241231T235959Z", "2024-12-31T23:59:59.000Z"],
    // compact without a zone: UTC assumed; with an offset: converted
    ["20261129T160000", "2026-11-29T16:00:00.000Z"],
    ["20261129T160000+0800", "2026-11-29T08:00:00.000Z"],
    ["20261129T160000-05:30", "2026-11-29T21:30:00.000Z"],
    ["2024-01-15T08:30:12Z", "2024-01-15T08:30:12.000Z"],
    ["2024-01-15T08:30:12.250Z", "2024-01-15T08:30:12.250Z"],
    ["2024-01-15T08:30:12.123456789Z", "2024-01-15T08:30:12.123Z"],
    ["2024-01-15T10:30:12+02:00", "2024-01-15T08:30:12.000Z"],
    ["2024-01-15T10:30:12+0200", "2024-01-15T08:30:12.000Z"],
    ["2024-01-15T08:30Z", "2024-01-15T08:30:00.000Z"],
    // ISO and SQL style without a zone: UTC assumed
    ["2024-01-15T08:30:12", "2024-01-15T08:30:12.000Z"],
    ["2024-01-15T08:30:12.5", "2024-01-15T08:30:12.500Z"],
    ["2026-11-29 16:00:00", "2026-11-29T16:00:00.000Z"],
    ["2026-11-29 16:00:00.250", "2026-11-29T16:00:00.250Z"],
    [" 20240115T083012Z ", "2024-01-15T08:30:12.000Z"],
    // epoch seconds and milliseconds in a plausible range
    ["1705307412", "2024-01-15T08:30:12.000Z"],
    ["1705307412000", "2024-01-15T08:30:12.000Z"],
    [1705307412, "2024-01-15T08:30:12.000Z"],
    [1705307412000, "2024-01-15T08:30:12.000Z"],
  ])("reads %j as the instant %s", (raw, iso) => {
    const t = parseUpgradeTime(raw);
    expect(t.at?.toISOString()).toBe(iso);
    expect(t.problem).toBeUndefined();
  });

  it.each([[3600], ["120"], ["12.5"], [99999999999999], ["1705307412.5"]])(
    "keeps %j raw with no instant (a duration, or out of range)",
    (v) => {
      expect(parseUpgradeTime(v)).toEqual({ raw: String(v), at: null });
    },
  );

  it.each([
    "20240231T083012Z",
    "20241301T000000Z",
    "20240115T246000Z",
    "2024-13-01T00:00:00Z",
    "2024-02-30 10:00:00",
    // An offset is at most ±23:59: "+9999" would move the instant by four days and still look plausible.
    "20240115T083012+9999",
    "2024-01-15T08:30:12-24:00",
    "20240115T083012+0860",
  ])("flags impossible calendar time %j", (raw) => {
    expect(parseUpgradeTime(raw)).toMatchObject({ raw, at: null, problem: "not a valid calendar time" });
  });

  it.each(["yesterday", "15/01/2024 08:30", "2024-01-15", "2024-01-15 08:30", "next tuesday"])(
    "keeps unrecognised %j as text with a problem",
    (raw) => {
      expect(parseUpgradeTime(raw)).toMatchObject({ raw, at: null, problem: expect.stringContaining("unrecognised") });
    },
  );
});
