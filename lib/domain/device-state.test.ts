import { describe, expect, it } from "vitest";
import type { DeviceState } from "@/lib/generated/prisma/browser";
import type { ParsedNotification } from "@/lib/notifications/types";
import { applyEvent, type StoredEvent } from "./device-state";

let nextId = 1;
const t0 = Date.parse("2024-03-01T00:00:00Z");
function ev(over: Partial<ParsedNotification>, receivedOffsetS = nextId): StoredEvent {
  const id = nextId++;
  const n = {
    notifyType: "swUpgradeResultNotify",
    kind: "software",
    event: "result",
    deviceId: "d",
    operationId: "o",
    appId: "a",
    subOperationId: "s",
    result: null,
    state: null,
    step: null,
    sourceVersion: "1",
    targetVersion: "2",
    curVersion: "1",
    errorCode: null,
    description: null,
    resultDesc: null,
    upgradeTimeRaw: null,
    upgradeAt: null,
    warnings: [],
    rawBody: "{}",
    contentHash: String(id),
    ...over,
  } as ParsedNotification;
  return { id, receivedAt: new Date(t0 + receivedOffsetS * 1000), n };
}
const result = (r: "SUCCESS" | "FAIL", upgradeAtS: number | null, over: Partial<ParsedNotification> = {}) =>
  ev({ result: r, upgradeAt: upgradeAtS === null ? null : new Date(t0 + upgradeAtS * 1000), ...over });
const state = (s: string) => ev({ notifyType: "swUpgradeStateChangeNotify", event: "state", state: s });
const fold = (events: StoredEvent[]) => events.reduce<DeviceState | null>((s, e) => applyEvent(s, e), null)!;

describe("applyEvent", () => {
  it("a device with only state changes is in progress", () => {
    expect(fold([state("downloading"), state("downloaded")])).toMatchObject({
      outcome: "in_progress",
      attempts: 0,
      state: "downloaded",
    });
  });

  it("latest result by upgrade time wins in either arrival order", () => {
    const fail = result("FAIL", 100, { errorCode: "5" });
    const success = result("SUCCESS", 200, { curVersion: "2" });
    for (const order of [
      [fail, success],
      [success, fail],
    ]) {
      expect(fold(order)).toMatchObject({
        outcome: "succeeded",
        result: "SUCCESS",
        curVersion: "2",
        errorCode: null,
        attempts: 2,
        failedAttempts: 1,
        firstResult: "FAIL",
      });
    }
  });

  it("without upgrade times, arrival decides", () => {
    expect(fold([result("SUCCESS", null), result("FAIL", null)])).toMatchObject({
      outcome: "failed",
      firstResult: "SUCCESS",
    });
  });

  it("equal upgrade times fall back to arrival order", () => {
    expect(fold([result("FAIL", 50), result("SUCCESS", 50)]).outcome).toBe("succeeded");
  });

  it("a new download after the latest result reopens the device; a late tail of the old attempt does not", () => {
    expect(fold([result("FAIL", 10), state("downloading")]).outcome).toBe("in_progress");
    expect(fold([result("FAIL", 10), state("otacreated")]).outcome).toBe("in_progress");
    expect(fold([result("FAIL", 10), state("idle")]).outcome).toBe("failed");
    expect(fold([result("SUCCESS", 10), state("updating")]).outcome).toBe("succeeded");
    expect(fold([result("FAIL", 10), state("downloaded")]).outcome).toBe("failed");
    expect(fold([state("updating"), result("SUCCESS", 10)]).outcome).toBe("succeeded");
  });

  it("tracks first and last seen by arrival", () => {
    const s = fold([ev({ result: "FAIL" }, 30), ev({ result: "FAIL", curVersion: "x" }, 10)]);
    expect(s.firstSeenAt.getTime()).toBe(t0 + 10_000);
    expect(s.lastSeenAt.getTime()).toBe(t0 + 30_000);
  });
});

describe("applyEvent follows the ordering rule (issue examples)", () => {
  const at = (iso: string) => new Date(iso);
  const push = (
    id: number,
    received: string,
    r: "SUCCESS" | "FAIL",
    upgradeAt: Date | null,
    over: Partial<ParsedNotification> = {},
  ): StoredEvent => ({
    id,
    receivedAt: at(received),
    n: { ...ev({}).n, result: r, upgradeAt, curVersion: r === "SUCCESS" ? "2" : "1", ...over },
  });
  it.each([
    ["an RTC-reset SUCCESS after a dated FAIL", at("2026-11-29T10:00:00Z"), at("1970-01-01T00:05:12Z")],
    ["a real SUCCESS after a FAIL dated 2099", at("2099-12-31T23:59:59Z"), at("2026-11-29T10:00:30Z")],
    ["a backlog SUCCESS dated 20 minutes back after an undated FAIL", null, at("2026-11-29T09:41:00Z")],
  ])("%s: succeeded, first attempt FAIL, nothing contradicts", (_n, failAt, okAt) => {
    const s = fold([
      push(1001, "2026-11-29T10:00:01Z", "FAIL", failAt),
      push(1002, "2026-11-29T10:01:00Z", "SUCCESS", okAt),
    ]);
    expect(s).toMatchObject({
      outcome: "succeeded",
      result: "SUCCESS",
      curVersion: "2",
      firstResult: "FAIL",
      attempts: 2,
      failedAttempts: 1,
    });
  });
  it("keeps the plausible device time as the order key and null for an absurd one", () => {
    const s = fold([push(1003, "2026-11-29T10:00:01Z", "FAIL", at("1970-01-01T00:00:00Z"))]);
    expect(s.resultAt).toBeNull();
    expect(s.upgradeAt?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(s.firstResultReceivedAt?.toISOString()).toBe("2026-11-29T10:00:01.000Z");
  });
});
