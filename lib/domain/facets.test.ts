import { describe, expect, it } from "vitest";
import type { DeviceState } from "@/lib/generated/prisma/browser";
import { counterDeltas, counterKeysOf } from "./facets";

const at = new Date("2024-05-01T10:20:30Z");
const state = (over: Partial<DeviceState>): DeviceState =>
  ({
    operationId: "o",
    deviceId: "d",
    kind: "software",
    appId: null,
    subOperationId: null,
    outcome: "in_progress",
    result: null,
    sourceVersion: "1",
    targetVersion: "2",
    curVersion: "1",
    errorCode: null,
    description: null,
    resultDesc: null,
    upgradeTimeRaw: null,
    upgradeAt: null,
    resultAt: null,
    resultReceivedAt: null,
    resultNotificationId: null,
    firstResult: null,
    firstResultAt: null,
    firstResultReceivedAt: null,
    firstResultNotificationId: null,
    attempts: 0,
    failedAttempts: 0,
    state: null,
    stateReceivedAt: null,
    stateNotificationId: null,
    firstSeenAt: at,
    lastSeenAt: at,
    ...over,
  }) as DeviceState;

describe("counterKeysOf", () => {
  it("a device still without a result counts nowhere", () => {
    expect(counterKeysOf(state({}))).toEqual([]);
  });

  it("a failed software device counts in its transition, left-on version, error code and first attempt", () => {
    const keys = counterKeysOf(
      state({ outcome: "failed", result: "FAIL", firstResult: "FAIL", errorCode: "5", description: "no space" }),
    );
    expect(keys).toEqual([
      ["transition", "1", "2", "failed"],
      ["left_on", "1", "2", "1"],
      ["error", "5", "no space", ""],
      ["first", "with_result", "", ""],
    ]);
  });

  it("a firmware failure is grouped by its statusDesc; NULLs become ''", () => {
    const keys = counterKeysOf(
      state({
        kind: "firmware",
        outcome: "failed",
        result: "FAIL",
        curVersion: null,
        resultDesc: "Integrity check failure",
      }),
    );
    expect(keys).toContainEqual(["error", "Integrity check failure", "Integrity check failure", ""]);
    expect(keys).toContainEqual(["left_on", "1", "2", ""]);
  });

  it("flags contradictions and recoveries", () => {
    expect(
      counterKeysOf(
        state({ outcome: "succeeded", result: "SUCCESS", curVersion: "1", firstResult: "FAIL", failedAttempts: 1 }),
      ),
    ).toEqual([
      ["transition", "1", "2", "succeeded"],
      ["contradiction", "1", "2", "success_not_on_target"],
      ["first", "with_result", "", ""],
      ["first", "recovered", "", ""],
    ]);
    expect(counterKeysOf(state({ outcome: "failed", result: "FAIL", curVersion: "2" }))).toContainEqual([
      "contradiction",
      "1",
      "2",
      "fail_on_target",
    ]);
  });
});

describe("counterDeltas", () => {
  it("moves a device from failed to succeeded: old keys −1, new keys +1, unchanged keys dropped", () => {
    const before = state({ outcome: "failed", result: "FAIL", firstResult: "FAIL", failedAttempts: 1, errorCode: "5" });
    const after = state({
      outcome: "succeeded",
      result: "SUCCESS",
      curVersion: "2",
      firstResult: "FAIL",
      failedAttempts: 1,
    });
    const deltas = counterDeltas([{ before, after }], []).map((d) => [...d.key, d.n]);
    expect(deltas).toEqual(
      expect.arrayContaining([
        ["transition", "1", "2", "failed", -1],
        ["transition", "1", "2", "succeeded", 1],
        ["left_on", "1", "2", "1", -1],
        ["error", "5", "", "", -1],
        ["first", "recovered", "", "", 1],
      ]),
    );
    expect(deltas.find((d) => d[1] === "with_result")).toBeUndefined();
  });
});

describe("facet keys", () => {
  it("every facet survives the trip through its stored key, NULL fields included", async () => {
    const { fromCounterKey, toCounterKey } = await import("./facets");
    const samples = [
      { facet: "transition", sourceVersion: "1", targetVersion: null, outcome: "failed" },
      { facet: "contradiction", sourceVersion: null, targetVersion: "2", contradiction: "fail_on_target" },
      { facet: "left_on", sourceVersion: "1", targetVersion: "2", curVersion: null },
      { facet: "error", errorCode: null, description: "no space" },
      { facet: "first", figure: "recovered" },
      { facet: "hour", hour: "2026-11-29T10:00:00.000Z", result: "FAIL" },
      { facet: "warning", field: "upgradeTime", problem: "not a time" },
    ] as const;
    for (const f of samples) expect(fromCounterKey(...toCounterKey(f))).toEqual(f);
    expect(toCounterKey(samples[3])).toEqual(["error", "", "no space", ""]);
    expect(fromCounterKey("no_such_facet", "a", "b", "c")).toBeNull();
  });
});
