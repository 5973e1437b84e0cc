import { describe, expect, it } from "vitest";
import { apiUrl, taskFailedCsvUrl, tasksKey } from "./api-url";
import { firstValues } from "./common";
import { DeviceListQuerySchema } from "./devices";
import { TaskListQuerySchema } from "./tasks";

describe("TaskListQuerySchema", () => {
  it("fills defaults and treats empty values as absent", () => {
    expect(TaskListQuerySchema.parse({ operationId: "", outcome: "", sort: "" })).toEqual({
      sort: "lastSeenAt",
      limit: 50,
    });
  });

  it.each([
    ["2026-01-31", true],
    ["2026-01-31T08:00:00Z", true],
    ["2026-01-31T08:00:00.123+02:00", true],
    ["2026-02-30", false],
    ["2026-01-31T24:00:00Z", false],
    ["2026-01-31T08:00:00", false],
    ["yesterday", false],
  ])("from=%s valid: %s", (from, valid) => {
    expect(TaskListQuerySchema.safeParse({ from }).success).toBe(valid);
  });

  it("refuses a range that ends before it starts", () => {
    const r = TaskListQuerySchema.safeParse({ from: "2026-02-01", to: "2026-01-01" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["from"]);
  });

  it("only whitelisted sort keys pass", () => {
    expect(TaskListQuerySchema.safeParse({ sort: "devices; DROP TABLE tasks" }).success).toBe(false);
  });
});

describe("DeviceListQuerySchema", () => {
  it("bounds the page size and the cursor alphabet", () => {
    expect(DeviceListQuerySchema.safeParse({ limit: "501" }).success).toBe(false);
    expect(DeviceListQuerySchema.safeParse({ cursor: "a.b" }).success).toBe(false);
    expect(DeviceListQuerySchema.parse({ limit: "10", cursor: "WyJhIl0" })).toMatchObject({
      limit: 10,
      cursor: "WyJhIl0",
    });
  });
});

describe("apiUrl and keys", () => {
  it("sorts keys and drops empty values so equal filters give equal keys", () => {
    expect(apiUrl("/api/x", { b: "2", a: "1", c: "", d: undefined, e: null })).toBe("/api/x?a=1&b=2");
    expect(tasksKey({ sort: "devices", operationId: "op 1" })).toBe(tasksKey({ operationId: "op 1", sort: "devices" }));
  });

  it("encodes the operationId as one path segment and keeps only filters in the CSV link", () => {
    expect(taskFailedCsvUrl("a/b c", { errorCode: "5", outcome: "failed" })).toBe(
      "/api/tasks/a%2Fb%20c/failed.csv?errorCode=5&outcome=failed",
    );
  });

  it("firstValues takes the first of repeated parameters", () => {
    expect(firstValues(new URLSearchParams("a=1&a=2&b=3"))).toEqual({ a: "1", b: "3" });
    expect(firstValues({ a: ["1", "2"], b: undefined, c: "x" })).toEqual({ a: "1", c: "x" });
  });
});
