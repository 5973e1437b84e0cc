import { describe, expect, it } from "vitest";
import { staResult } from "../platform-standin/model";
import { computeTruth, generateCampaign } from "./campaign";
import { buildPlatformDemo } from "./platform-demo";
import { isResultPush } from "./types";

describe("buildPlatformDemo", () => {
  const campaign = generateCampaign({ tasks: 3, devicesPerTask: 40, seed: "platform-demo" });
  const demo = buildPlatformDemo(campaign, { withholdRate: 0.05, pendingRate: 0.1 });
  const truth = computeTruth(campaign.pushes);

  it("reports every device's final outcome as the platform knows it, plus never-started targets", () => {
    expect(demo.tasks).toHaveLength(3);
    for (const task of demo.tasks) {
      const t = truth.tasks[task.operationId]!;
      const s = staResult(task);
      expect(s).toMatchObject({ total: 44, success: t.succeeded, fail: t.failed, processing: t.inProgress, wait: 4 });
    }
    expect(demo.pending).toBe(12);
  });

  it("withholds every result push of a few finished devices, and only those", () => {
    expect(demo.withheld.length).toBe(Math.round(0.05 * (truth.totals.succeeded + truth.totals.failed)));
    const withheld = new Set(demo.withheld.map((w) => `${w.operationId}\0${w.deviceId}`));
    const dropped = campaign.pushes.filter((p) => !demo.pushes.includes(p));
    expect(dropped.length).toBe(demo.withheldPushes);
    expect(dropped.every((p) => isResultPush(p) && withheld.has(`${p.operationId}\0${p.deviceId}`))).toBe(true);
    expect(demo.pushes.some((p) => isResultPush(p) && withheld.has(`${p.operationId}\0${p.deviceId}`))).toBe(false);
    // The receiver will see the withheld devices as in progress; the platform says they finished.
    const sent = computeTruth(demo.pushes);
    expect(sent.totals.succeeded + sent.totals.failed).toBe(
      truth.totals.succeeded + truth.totals.failed - demo.withheld.length,
    );
  });
});
