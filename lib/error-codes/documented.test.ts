import { describe, expect, it } from "vitest";
import { documentedMeaning, meaningCell, meaningOf, operatorKey } from "./documented";

describe("error code meanings", () => {
  it.each([
    ["0", "success"], ["1", "device in use"], ["2", "poor signal"], ["3", "already the latest version"], ["4", "low battery"],
    ["5", "insufficient storage space"], ["6", "download timeout"], ["7", "package verification failed"], ["8", "unsupported package type"],
    ["9", "insufficient memory"], ["10", "package installation failed"], ["255", "internal exception"],
  ])("software code %s is documented as %s", (code, text) => {
    expect(documentedMeaning("software", code)).toEqual({ text, source: "huawei_ota" });
  });
  it("firmware codes are LwM2M update results", () => {
    expect(documentedMeaning("firmware", "5")).toEqual({ text: "integrity check failure for the downloaded package", source: "lwm2m" });
    expect(documentedMeaning("firmware", "11")?.text).toBe("firmware update deferred");
    expect(documentedMeaning("firmware", "download timeout")).toBeNull();
  });
  it("reads 06 as 6; an unknown code has no meaning; inherited keys are not codes", () => {
    expect(documentedMeaning("software", "06")?.text).toBe("download timeout");
    expect(documentedMeaning("software", "42")).toBeNull();
    expect(documentedMeaning("software", "constructor")).toBeNull();
  });
  it("an operator entry overrides the documented meaning, per kind", () => {
    const own = new Map([[operatorKey("software", "2"), "vendor X: modem firmware too old"]]);
    expect(meaningOf(own, "software", "2")).toEqual({ text: "vendor X: modem firmware too old", source: "operator" });
    expect(meaningOf(own, "firmware", "2")?.source).toBe("lwm2m");
    expect(meaningOf(own, "software", null)).toBeNull();
    expect(meaningCell(meaningOf(own, "software", "6"))).toBe("download timeout (documented meaning (Huawei OTA result code))");
  });
});
