import { describe, expect, it } from "vitest";
import { operatorKey } from "@/lib/error-codes/documented";
import { errorCodesFrom } from "./task-breakdowns";
import type { CounterRow } from "./task-counters";

const error = (operationId: string, kind: string, code: string, n: number): CounterRow => ({
  operationId,
  kind,
  value: { facet: "error" as const, errorCode: code, description: null },
  n,
});

describe("error codes across tasks (the fleet headline)", () => {
  it("keeps a software code and the same firmware code apart: different lists, different meanings", () => {
    // Software "6" is Huawei's download timeout; firmware "6" is LwM2M's unsupported package type.
    const rows = [error("fw1", "firmware", "6", 2), error("sw1", "software", "6", 1)];
    const codes = errorCodesFrom(rows, new Map());
    expect(codes).toEqual([
      {
        kind: "firmware",
        errorCode: "6",
        description: null,
        meaning: { text: "unsupported package type", source: "lwm2m" },
        devices: 2,
        share: 2 / 3,
      },
      {
        kind: "software",
        errorCode: "6",
        description: null,
        meaning: { text: "download timeout", source: "huawei_ota" },
        devices: 1,
        share: 1 / 3,
      },
    ]);
  });
  it("an operator's meaning for one kind is not shown for the other kind's devices", () => {
    const own = new Map([[operatorKey("software", "6"), "vendor X: modem timeout"]]);
    const codes = errorCodesFrom([error("fw1", "firmware", "6", 2), error("sw1", "software", "6", 1)], own);
    expect(codes.map((c) => [c.kind, c.meaning?.text, c.devices])).toEqual([
      ["firmware", "unsupported package type", 2],
      ["software", "vendor X: modem timeout", 1],
    ]);
  });
  it("still sums one code of one kind over several tasks", () => {
    const codes = errorCodesFrom([error("a", "software", "2", 3), error("b", "software", "2", 4)], new Map());
    expect(codes.map((c) => [c.kind, c.errorCode, c.devices])).toEqual([["software", "2", 7]]);
  });
});
