import { describe, expect, it } from "vitest";
import { documentedMeaning, meaningCell, meaningOf, normaliseCode, operatorKey } from "./documented";

describe("error code meanings", () => {
  it.each([
    ["0", "success"],
    ["1", "device in use"],
    ["2", "poor signal"],
    ["3", "already the latest version"],
    ["4", "low battery"],
    ["5", "insufficient storage space"],
    ["6", "download timeout"],
    ["7", "package verification failed"],
    ["8", "unsupported package type"],
    ["9", "insufficient memory"],
    ["10", "package installation failed"],
    ["255", "internal exception"],
  ])("software code %s is documented as %s", (code, text) => {
    expect(documentedMeaning("software", code)).toEqual({ text, source: "huawei_ota" });
  });
  it("firmware codes are LwM2M update results", () => {
    expect(documentedMeaning("firmware", "5")).toEqual({
      text: "integrity check failure for the downloaded package",
      source: "lwm2m",
    });
    expect(documentedMeaning("firmware", "11")?.text).toBe("firmware update deferred");
    expect(documentedMeaning("firmware", "download timeout")).toBeNull();
  });
  it("reads 06 as 6; an unknown code has no meaning; inherited keys are not codes", () => {
    expect(documentedMeaning("software", "06")?.text).toBe("download timeout");
    expect(documentedMeaning("software", "42")).toBeNull();
    expect(documentedMeaning("software", "constructor")).toBeNull();
  });
  it("keeps a long code's every digit: two codes beyond 2^53 stay two codes", () => {
    // Number("12345678901234567891") is 12345678901234567000: an operator's meaning for one such code
    // would be stored under the rounded code and shown for its neighbours too.
    expect(normaliseCode("12345678901234567891")).toBe("12345678901234567891");
    expect(normaliseCode("0012345678901234567891")).toBe("12345678901234567891");
    expect(operatorKey("software", "12345678901234567891")).not.toBe(operatorKey("software", "12345678901234567892"));
    expect(normaliseCode(" 05 ")).toBe("5");
    expect(normaliseCode("000")).toBe("0");
  });
  it("an operator entry overrides the documented meaning, per kind", () => {
    const own = new Map([[operatorKey("software", "2"), "vendor X: modem firmware too old"]]);
    expect(meaningOf(own, "software", "2")).toEqual({ text: "vendor X: modem firmware too old", source: "operator" });
    expect(meaningOf(own, "firmware", "2")?.source).toBe("lwm2m");
    expect(meaningOf(own, "software", null)).toBeNull();
    expect(meaningCell(meaningOf(own, "software", "6"))).toBe(
      "download timeout (documented meaning (Huawei OTA result code))",
    );
  });
});
