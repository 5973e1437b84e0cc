import { describe, expect, it } from "vitest";
import { computeTruth, generateCampaign, generateCampaignEndingAt, type UpgradePush } from "./campaign";

// Field lists copied from the contract (docs/push-contract.md#payloads), not from the generator's types.
const BASE = ["notifyType", "deviceId", "appId", "operationId", "subOperationId"];
const FIELDS: Record<string, string[]> = {
  swUpgradeStateChangeNotify: [...BASE, "swUpgradeState"],
  swUpgradeResultNotify: [
    ...BASE,
    "curVersion",
    "targetVersion",
    "sourceVersion",
    "swUpgradeResult",
    "upgradeTime",
    "resultDesc",
    "errorCode",
    "description",
  ],
  fwUpgradeStateChangeNotify: [...BASE, "step", "stepDesc"],
  fwUpgradeResultNotify: [
    ...BASE,
    "curVersion",
    "targetVersion",
    "sourceVersion",
    "status",
    "statusDesc",
    "upgradeTime",
  ],
};
const STEP_DESC: Record<string, string> = { "0": "idle", "1": "downloading", "2": "downloaded", "3": "updating" };
const SW_CODES = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "255"];
const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const COMPACT = /^\d{8}T\d{6}Z$/;

type Rec = Record<string, string>;
const rec = (p: UpgradePush) => p as unknown as Rec;
const isResult = (p: Rec) => p.notifyType!.endsWith("ResultNotify");
const resultOf = (p: Rec) => p.swUpgradeResult ?? p.status;
const canonical = (p: object) => JSON.stringify(p, Object.keys(p).sort());
const devKey = (p: Rec) => `${p.operationId}/${p.deviceId}`;

/** First occurrence of every distinct push, in delivery order. */
function distinct(pushes: UpgradePush[]): Rec[] {
  const seen = new Set<string>();
  return pushes.map(rec).filter((p) => !seen.has(canonical(p)) && Boolean(seen.add(canonical(p))));
}

const campaign = generateCampaign({ seed: 42 });
const pushes = campaign.pushes.map(rec);

describe("generateCampaign", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(JSON.stringify(generateCampaign({ seed: 42 }).pushes)).toBe(JSON.stringify(campaign.pushes));
    expect(JSON.stringify(generateCampaign({ seed: 43 }).pushes)).not.toBe(JSON.stringify(campaign.pushes));
    expect(JSON.stringify(generateCampaign({ seed: "demo" }))).toBe(JSON.stringify(generateCampaign({ seed: "demo" })));
  });

  it("gives every push exactly the documented fields of its type, all non-empty strings", () => {
    for (const p of pushes) {
      expect(Object.keys(p).sort()).toEqual([...FIELDS[p.notifyType!]!].sort());
      for (const v of Object.values(p)) expect(typeof v === "string" && v.length > 0).toBe(true);
    }
    expect(new Set(pushes.map((p) => p.notifyType))).toEqual(new Set(Object.keys(FIELDS)));
  });

  it("uses Huawei-shaped values", () => {
    for (const p of pushes) {
      expect(p.operationId).toMatch(HEX32);
      expect(p.subOperationId).toMatch(HEX32);
      expect(p.deviceId).toMatch(UUID);
      if (p.notifyType === "fwUpgradeStateChangeNotify") expect(STEP_DESC[p.step!]).toBe(p.stepDesc);
      if (p.notifyType === "swUpgradeStateChangeNotify")
        expect(["downloading", "downloaded", "updating", "idle"]).toContain(p.swUpgradeState);
      if (!isResult(p)) continue;
      expect(p.upgradeTime).toMatch(COMPACT);
      expect(["SUCCESS", "FAIL"]).toContain(resultOf(p));
      expect(p.errorCode === undefined).toBe(p.notifyType === "fwUpgradeResultNotify");
      if (resultOf(p) === "SUCCESS") expect(p.curVersion).toBe(p.targetVersion);
      if (resultOf(p) === "FAIL" && p.errorCode !== "3") expect(p.curVersion).toBe(p.sourceVersion);
      if (p.notifyType === "swUpgradeResultNotify" && p.swUpgradeResult === "FAIL")
        expect(SW_CODES).toContain(p.errorCode);
    }
  });

  it("builds tasks of both kinds, one app per fleet, 1–3 source versions to one target", () => {
    const truth = computeTruth(campaign.pushes);
    const tasks = Object.values(truth.tasks);
    expect(tasks.map((t) => t.kind)).toEqual(["software", "firmware", "software", "firmware"]);
    expect(tasks.every((t) => t.devices === 50)).toBe(true);
    expect(new Set(pushes.map((p) => p.appId)).size).toBe(2);
    for (const t of tasks) {
      expect(t.targetVersions).toHaveLength(1);
      expect(t.sourceVersions.length).toBeGreaterThanOrEqual(1);
      expect(t.sourceVersions.length).toBeLessThanOrEqual(3);
    }
    expect(tasks.some((t) => t.sourceVersions.length > 1)).toBe(true);
    // The same fleet serves an app's software and firmware tasks.
    expect(truth.totals.distinctDevices).toBeLessThan(truth.totals.devices);
  });

  it("spreads failures unevenly over several reasons", () => {
    const big = generateCampaign({ seed: 7, tasks: 2, devicesPerTask: 1000, failRate: 0.5 }).pushes.map(rec);
    const count = (values: string[]) => [
      ...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>()).values(),
    ];
    const fails = big.filter((p) => isResult(p) && resultOf(p) === "FAIL");
    const sw = count(fails.filter((p) => p.errorCode).map((p) => `${p.errorCode}:${p.description}`));
    const fw = count(fails.filter((p) => !p.errorCode).map((p) => p.statusDesc!));
    expect(sw.length).toBeGreaterThanOrEqual(8);
    expect(fw.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...sw)).toBeGreaterThan(5 * Math.min(...sw));
    expect(fails.some((p) => p.errorCode === "5" && p.description === "insufficient storage space")).toBe(true);
  });

  it("sends a device's state changes before its result, never after its final one", () => {
    const list = distinct(campaign.pushes);
    const final = new Map<string, Rec>();
    for (const p of list) {
      if (isResult(p) && (!final.has(devKey(p)) || final.get(devKey(p))!.upgradeTime! < p.upgradeTime!))
        final.set(devKey(p), p);
    }
    const states = new Map<string, string[]>();
    for (const p of list) {
      const key = devKey(p);
      if (!isResult(p)) {
        const state = p.swUpgradeState ?? p.stepDesc!;
        if (state !== "idle") expect(states.has(`${key}:done`)).toBe(false);
        states.set(key, [...(states.get(key) ?? []), state]);
      } else if (resultOf(p) === "SUCCESS") {
        expect(states.get(key)).toEqual(expect.arrayContaining(["downloading", "downloaded", "updating"]));
      }
      if (final.get(key) === p) states.set(`${key}:done`, []);
    }
  });

  it("retries some failed devices, which then succeed at a later upgradeTime", () => {
    const truth = computeTruth(campaign.pushes);
    const devices = Object.values(truth.tasks).flatMap((t) => Object.values(t.byDevice));
    const recovered = devices.filter((d) => d.firstResult === "FAIL" && d.finalResult === "SUCCESS");
    expect(recovered.length).toBeGreaterThan(0);
    for (const d of recovered) expect(d.attempts).toBeGreaterThan(1);
  });

  it("delivers exact duplicates, some with reordered keys", () => {
    const texts = campaign.pushes.map((p) => JSON.stringify(p));
    const canon = campaign.pushes.map(canonical);
    const repeated = canon.filter((c, i) => canon.indexOf(c) !== i);
    expect(repeated.length).toBeGreaterThan(0);
    expect(canon.some((c, i) => canon.indexOf(c) !== i && texts[canon.indexOf(c)] !== texts[i])).toBe(true);
    const none = generateCampaign({ seed: 42, duplicateRate: 0, retryRate: 0 });
    expect(new Set(none.pushes.map(canonical)).size).toBe(none.pushes.length);
  });

  it("delivers some results after a later one, including a device's older attempt after its newer one", () => {
    const results = distinct(campaign.pushes).filter(isResult);
    expect(results.some((p, i) => i > 0 && p.upgradeTime! < results[i - 1]!.upgradeTime!)).toBe(true);
    const lastSeen = new Map<string, string>();
    let deviceDisorder = false;
    for (const p of results) {
      if ((lastSeen.get(devKey(p)) ?? "") > p.upgradeTime!) deviceDisorder = true;
      lastSeen.set(devKey(p), p.upgradeTime!);
    }
    expect(deviceDisorder).toBe(true);

    const ordered = distinct(generateCampaign({ seed: 42, outOfOrderRate: 0, duplicateRate: 0 }).pushes).filter(
      isResult,
    );
    expect(ordered.every((p, i) => i === 0 || p.upgradeTime! >= ordered[i - 1]!.upgradeTime!)).toBe(true);
  });

  it("keeps the campaign itself unchanged when only delivery rates change", () => {
    const a = generateCampaign({ seed: 9, duplicateRate: 0, outOfOrderRate: 0 });
    const b = generateCampaign({ seed: 9, duplicateRate: 0.3, outOfOrderRate: 0.5 });
    expect(b.plan).toEqual(a.plan);
    expect(new Set(b.pushes.map(canonical))).toEqual(new Set(a.pushes.map(canonical)));
  });

  it("honours the fail rate at the extremes", () => {
    const never = computeTruth(generateCampaign({ seed: 3, failRate: 0 }).pushes);
    expect(Object.values(never.tasks).every((t) => t.firstAttemptFailed === 0 && t.failed === 0)).toBe(true);
    const always = computeTruth(generateCampaign({ seed: 3, failRate: 1, retryRate: 0 }).pushes);
    expect(always.totals.succeeded).toBe(0);
    expect(always.totals.failed + always.totals.inProgress).toBe(always.totals.devices);
  });

  it("rejects nonsense options", () => {
    expect(() => generateCampaign({ tasks: 0 })).toThrow(RangeError);
    expect(() => generateCampaign({ devicesPerTask: 1.5 })).toThrow(RangeError);
    expect(() => generateCampaign({ failRate: 1.2 })).toThrow(RangeError);
    expect(() => generateCampaign({ startAt: Number.NaN })).toThrow(RangeError);
  });

  it("can shift a campaign to end at a given time without changing anything else", () => {
    const end = Date.UTC(2025, 5, 1, 12, 0, 0);
    const shifted = generateCampaignEndingAt({ seed: 42 }, end);
    const latest = shifted.pushes
      .map(rec)
      .filter(isResult)
      .map((p) => p.upgradeTime!)
      .sort()
      .at(-1);
    expect(latest).toBe("20250601T120000Z");
    const strip = (ps: UpgradePush[]) => ps.map((p) => ({ ...p, upgradeTime: undefined }));
    expect(strip(shifted.pushes)).toEqual(strip(campaign.pushes));
  });
});

describe("computeTruth", () => {
  it("agrees with a recount from the generator's plan", () => {
    for (const options of [{ seed: 42 }, { seed: "x", tasks: 5, devicesPerTask: 37, failRate: 0.6, retryRate: 0.8 }]) {
      const c = generateCampaign(options);
      const truth = computeTruth(c.pushes);
      expect(Object.keys(truth.tasks)).toEqual(c.plan.map((t) => t.operationId));
      for (const task of c.plan) {
        const t = truth.tasks[task.operationId]!;
        const last = (d: (typeof task.devices)[number]) => d.results.at(-1);
        expect(t.devices).toBe(task.devices.length);
        expect(t.succeeded).toBe(task.devices.filter((d) => last(d) === "SUCCESS").length);
        expect(t.failed).toBe(task.devices.filter((d) => last(d) === "FAIL").length);
        expect(t.inProgress).toBe(task.devices.filter((d) => d.results.length === 0).length);
        expect(t.firstAttemptFailed).toBe(task.devices.filter((d) => d.results[0] === "FAIL").length);
        for (const d of task.devices) {
          const got = t.byDevice[d.deviceId]!;
          expect(got.attempts).toBe(d.results.length);
          expect(got.firstResult).toBe(d.results[0] ?? null);
          expect(got.finalResult).toBe(last(d) ?? null);
          if (last(d) === "FAIL") expect(task.kind === "software" ? got.errorCode : got.reason).toBe(d.failures.at(-1));
        }
        const reasons: Record<string, number> = {};
        for (const d of task.devices)
          if (last(d) === "FAIL") reasons[d.failures.at(-1)!] = (reasons[d.failures.at(-1)!] ?? 0) + 1;
        expect(t.failureReasons).toEqual(reasons);
      }
      expect(truth.totals.notifications).toBe(new Set(c.pushes.map(canonical)).size);
      expect(truth.totals.distinctDevices).toBe(new Set(c.pushes.map((p) => p.deviceId)).size);
      expect(truth.totals.succeeded + truth.totals.failed + truth.totals.inProgress).toBe(truth.totals.devices);
    }
  });

  it("takes the latest result by upgradeTime, counts repeats once, and leaves devices without results in progress", () => {
    const base = { appId: "app", operationId: "op", subOperationId: "sub" };
    const result = (deviceId: string, r: "SUCCESS" | "FAIL", upgradeTime: string) => ({
      notifyType: "fwUpgradeResultNotify" as const,
      deviceId,
      ...base,
      curVersion: "1",
      targetVersion: "2",
      sourceVersion: "1",
      status: r,
      statusDesc: r === "FAIL" ? "invalid URI" : "upgrade success",
      upgradeTime,
    });
    const late = result("a", "FAIL", "20240101T100000Z");
    const pushes: UpgradePush[] = [
      late,
      result("a", "SUCCESS", "20240101T090000Z"),
      { ...late, upgradeTime: late.upgradeTime, status: "FAIL" },
      { notifyType: "fwUpgradeStateChangeNotify", deviceId: "b", ...base, step: "1", stepDesc: "downloading" },
    ];
    const truth = computeTruth(pushes);
    const t = truth.tasks.op!;
    expect(t.byDevice.a).toMatchObject({
      outcome: "failed",
      firstResult: "SUCCESS",
      attempts: 2,
      reason: "invalid URI",
    });
    expect(t.byDevice.b).toMatchObject({ outcome: "in_progress", attempts: 0, finalResult: null });
    expect(t).toMatchObject({
      pushes: 4,
      notifications: 3,
      failed: 1,
      inProgress: 1,
      failureReasons: { "invalid URI": 1 },
    });
    expect(truth.totals).toMatchObject({ duplicates: 1, results: 2, devices: 2, distinctDevices: 2 });
  });
});
