import { describe, expect, it } from "vitest";
import { parseNotification, type ParseOutcome } from "./parse";

const enc = (v: unknown) => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));
const base = { deviceId: "dev-1", operationId: "op-1", appId: "app", subOperationId: "sub" };
const ok = (o: ParseOutcome) => {
  if (o.type !== "notification") throw new Error(`expected a notification, got ${JSON.stringify(o)}`);
  return o.notification;
};
const refusal = (o: ParseOutcome) => {
  if (o.type !== "refused") throw new Error(`expected a refusal, got ${o.type}`);
  return o.failure;
};

describe("parseNotification", () => {
  it("normalises a software result", () => {
    const n = ok(
      parseNotification(
        enc({
          notifyType: "swUpgradeResultNotify",
          ...base,
          curVersion: "1.3",
          targetVersion: "1.5",
          sourceVersion: "1.0",
          swUpgradeResult: " fail ",
          upgradeTime: "20240115T083012Z",
          resultDesc: "",
          errorCode: "5",
          description: "no space",
        }),
      ),
    );
    expect(n).toMatchObject({
      kind: "software",
      event: "result",
      result: "FAIL",
      errorCode: "5",
      description: "no space",
      resultDesc: null,
      curVersion: "1.3",
      targetVersion: "1.5",
      sourceVersion: "1.0",
      upgradeTimeRaw: "20240115T083012Z",
      warnings: [],
    });
  });

  it("takes the firmware result from status and statusDesc, never errorCode", () => {
    const n = ok(
      parseNotification(
        enc({
          notifyType: "fwUpgradeResultNotify",
          ...base,
          curVersion: "1.6",
          targetVersion: "1.6",
          sourceVersion: "1.3",
          status: "SUCCESS",
          statusDesc: "ok",
          upgradeTime: "x1",
          errorCode: "9",
        }),
      ),
    );
    expect(n).toMatchObject({ kind: "firmware", result: "SUCCESS", resultDesc: "ok", errorCode: null });
    expect(n.warnings).toEqual([{ field: "upgradeTime", problem: expect.stringContaining("unrecognised") }]);
  });

  it.each([
    ["0", "idle"],
    ["1", "downloading"],
    ["2", "downloaded"],
    ["3", "updating"],
  ])("names firmware step %s %s", (step, name) => {
    expect(
      ok(parseNotification(enc({ notifyType: "fwUpgradeStateChangeNotify", ...base, step, stepDesc: "whatever" })))
        .state,
    ).toBe(name);
  });

  it("keeps an unknown firmware step with a warning, and unknown software states as they are", () => {
    const fw = ok(
      parseNotification(enc({ notifyType: "fwUpgradeStateChangeNotify", ...base, step: "7", stepDesc: "mystery" })),
    );
    expect(fw).toMatchObject({ step: "7", state: "mystery" });
    expect(fw.warnings).toEqual([{ field: "step", problem: expect.any(String) }]);
    expect(
      ok(parseNotification(enc({ notifyType: "swUpgradeStateChangeNotify", ...base, swUpgradeState: "otacreated" })))
        .state,
    ).toBe("otacreated");
  });

  it("gives the same hash for the same content whatever the key order and spacing", () => {
    const a = ok(
      parseNotification(
        enc(
          `{"notifyType":"swUpgradeStateChangeNotify","deviceId":"d","operationId":"o","swUpgradeState":"idle","x":{"b":1,"a":2}}`,
        ),
      ),
    );
    const b = ok(
      parseNotification(
        enc(
          `{ "x": {"a": 2, "b": 1}, "swUpgradeState":"idle", "operationId":"o", "deviceId":"d", "notifyType":"swUpgradeStateChangeNotify" }`,
        ),
      ),
    );
    const c = ok(
      parseNotification(
        enc(`{"notifyType":"swUpgradeStateChangeNotify","deviceId":"d","operationId":"o","swUpgradeState":"updating"}`),
      ),
    );
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).not.toBe(c.contentHash);
  });

  it("treats __proto__ and constructor keys as plain data", () => {
    const n = ok(
      parseNotification(
        enc(
          `{"notifyType":"swUpgradeStateChangeNotify","deviceId":"d","operationId":"o","__proto__":{"deviceId":""},"constructor":{"x":1}}`,
        ),
      ),
    );
    expect(n.deviceId).toBe("d");
    expect(({} as Record<string, unknown>).deviceId).toBeUndefined();
  });

  it("ignores other notify types, refuses a missing or non-string one", () => {
    expect(parseNotification(enc({ notifyType: "deviceAdded" }))).toEqual({
      type: "ignored",
      notifyType: "deviceAdded",
    });
    expect(refusal(parseNotification(enc({ notifyType: 5 }))).details).toEqual([
      { field: "notifyType", problem: "must be a non-empty string" },
    ]);
    expect(refusal(parseNotification(enc({}))).details).toEqual([{ field: "notifyType", problem: "is required" }]);
  });

  it("refuses IDs longer than 256 characters and truncates long indexed text with a warning", () => {
    expect(
      refusal(
        parseNotification(
          enc({ notifyType: "swUpgradeStateChangeNotify", deviceId: "d".repeat(257), operationId: "o" }),
        ),
      ).details[0]!.field,
    ).toBe("deviceId");
    const n = ok(
      parseNotification(
        enc({ notifyType: "swUpgradeResultNotify", ...base, swUpgradeResult: "FAIL", errorCode: "e".repeat(300) }),
      ),
    );
    expect(n.errorCode).toHaveLength(256);
    expect(n.warnings.map((w) => w.field)).toContain("errorCode");
  });

  it("lists every missing required field at once", () => {
    const f = refusal(parseNotification(enc({ notifyType: "swUpgradeResultNotify" })));
    expect(f.code).toBe("invalid_notification");
    expect(f.details.map((d) => d.field).sort()).toEqual(["deviceId", "operationId", "swUpgradeResult"]);
  });

  it.each([
    ["truncated JSON", enc('{"a":'), "invalid_json"],
    ["NUL byte", new Uint8Array([0x7b, 0x00, 0x7d]), "invalid_json"],
    ["invalid UTF-8", new Uint8Array([0xc3, 0x28]), "invalid_encoding"],
    ["null", enc("null"), "invalid_notification"],
    ["number", enc("12"), "invalid_notification"],
  ])("refuses %s", (_n, bytes, code) => {
    expect(refusal(parseNotification(bytes)).code).toBe(code);
  });
});

describe("NUL characters (PostgreSQL text cannot store them)", () => {
  it("refuses them in IDs and replaces them in text fields with a warning", () => {
    const withNulId = parseNotification(
      enc({ notifyType: "swUpgradeStateChangeNotify", deviceId: "a\u0000b", operationId: "o" }),
    );
    expect(refusal(withNulId).details).toEqual([{ field: "deviceId", problem: "must not contain NUL characters" }]);
    const n = ok(
      parseNotification(
        enc({
          notifyType: "swUpgradeResultNotify",
          ...base,
          swUpgradeResult: "FAIL",
          description: "x\u0000y",
          upgradeTime: "1\u00002",
        }),
      ),
    );
    expect(n.description).toBe("x\uFFFDy");
    expect(n.upgradeTimeRaw).not.toContain("\u0000");
    expect(n.warnings.map((w) => w.field)).toContain("description");
    expect(n.rawBody).toContain("\\u0000");
  });
});

describe("values kept as sent (lossless numbers)", () => {
  const body = (errorCode: string, extra = "") =>
    new TextEncoder().encode(
      `{"notifyType":"swUpgradeResultNotify","deviceId":"d","operationId":"o","swUpgradeResult":"FAIL","errorCode":${errorCode},"curVersion":1.50,"upgradeTime":1705307412${extra}}`,
    );

  it("keeps a 20-digit errorCode and 1.50 digit for digit, with a warning that they were numbers", () => {
    const n = ok(parseNotification(body("12345678901234567891")));
    expect(n.errorCode).toBe("12345678901234567891");
    expect(n.curVersion).toBe("1.50");
    expect(n.upgradeAt?.toISOString()).toBe("2024-01-15T08:30:12.000Z");
    expect(n.warnings).toEqual(
      expect.arrayContaining([
        { field: "errorCode", problem: "expected a string, got number (stored as text exactly as sent)" },
        { field: "curVersion", problem: "expected a string, got number (stored as text exactly as sent)" },
      ]),
    );
    expect(n.warnings.map((w) => w.field)).not.toContain("upgradeTime");
  });

  it("tells apart pushes that differ only beyond float precision; 1.5 and 1.50 are the same content", () => {
    const a = ok(parseNotification(body("12345678901234567891"))).contentHash;
    const b = ok(parseNotification(body("12345678901234567892"))).contentHash;
    expect(a).not.toBe(b);
    const c = ok(
      parseNotification(enc({ notifyType: "swUpgradeStateChangeNotify", deviceId: "d", operationId: "o", x: 1.5 })),
    );
    const d = ok(
      parseNotification(enc(`{"notifyType":"swUpgradeStateChangeNotify","deviceId":"d","operationId":"o","x":1.50}`)),
    );
    expect(c.contentHash).toBe(d.contentHash);
  });

  it("keeps JSON.parse semantics: the last duplicate key wins, exponent numbers are exact text", () => {
    const n = ok(
      parseNotification(
        enc(
          `{"notifyType":"swUpgradeResultNotify","deviceId":"d","operationId":"o","swUpgradeResult":"FAIL","errorCode":1,"errorCode":2E+3}`,
        ),
      ),
    );
    expect(n.errorCode).toBe("2E+3");
  });
});
