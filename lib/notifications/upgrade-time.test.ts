import { describe, expect, it } from "vitest";
import { parseUpgradeTime } from "./upgrade-time";

describe("parseUpgradeTime", () => {
  it.each([
    ["20240115T083012Z", "2024-01-15T08:30:12.000Z"],
    ["20241231T235959Z", "2024-12-31T23:59:59.000Z"],
    ["2024-01-15T08:30:12Z", "2024-01-15T08:30:12.000Z"],
    ["2024-01-15T08:30:12.250Z", "2024-01-15T08:30:12.250Z"],
    ["2024-01-15T10:30:12+02:00", "2024-01-15T08:30:12.000Z"],
    ["2024-01-15T08:30Z", "2024-01-15T08:30:00.000Z"],
    [" 20240115T083012Z ", "2024-01-15T08:30:12.000Z"],
  ])("reads %j as a UTC instant", (raw, iso) => {
    const t = parseUpgradeTime(raw);
    expect(t.at?.toISOString()).toBe(iso);
    expect(t.problem).toBeUndefined();
  });

  it.each([[3600], [1705307412000], ["120"], ["12.5"]])("keeps %j raw with no instant (unit unknown)", (v) => {
    expect(parseUpgradeTime(v)).toEqual({ raw: String(v), at: null });
  });

  it.each(["20240231T083012Z", "20241301T000000Z", "20240115T246000Z", "2024-13-01T00:00:00Z"])("flags impossible calendar time %j", (raw) => {
    expect(parseUpgradeTime(raw)).toMatchObject({ raw, at: null, problem: "not a valid calendar time" });
  });

  it.each(["yesterday", "15/01/2024 08:30", "2024-01-15"])("keeps unrecognised %j as text with a problem", (raw) => {
    expect(parseUpgradeTime(raw)).toMatchObject({ raw, at: null, problem: expect.stringContaining("unrecognised") });
  });
});
