// `npm run simulate -- --platform`: the simulated campaign's tasks and devices as the platform's task
// API would report them, so the connector has something to reconcile against. A few devices' result
// pushes are withheld on purpose (the platform knows the outcome, the monitor never hears it: lost
// pushes), and a few target devices never start (pending).
import type { StandinSubOperation, StandinTask, SubStatus } from "../platform-standin/model";
import type { Campaign } from "./campaign";
import { createRandom } from "./random";
import { isResultPush, resultOf, type UpgradePush } from "./types";

export interface PlatformDemoOptions {
  /** Share of finished devices whose result pushes are not sent, 0..1 (at least one per campaign when any finished). */
  withholdRate: number;
  /** Extra target devices per task that never start, as a share of devices per task, 0..1. */
  pendingRate: number;
}

export interface PlatformDemo {
  tasks: StandinTask[];
  /** The pushes to send: the campaign's minus every result push of a withheld device. */
  pushes: UpgradePush[];
  /** Devices whose result pushes were withheld (each one a lost push once the grace has passed). */
  withheld: { operationId: string; deviceId: string; result: "SUCCESS" | "FAIL" }[];
  withheldPushes: number;
  pending: number;
}

export function buildPlatformDemo(campaign: Campaign, opts: PlatformDemoOptions): PlatformDemo {
  const rng = createRandom(`${String(campaign.options.seed)}:platform`);
  // Per task and device: every push in upgradeTime order (results carry one; state pushes do not).
  const byDevice = new Map<string, UpgradePush[]>();
  for (const p of campaign.pushes) {
    const k = `${p.operationId}\0${p.deviceId}`;
    byDevice.set(k, [...(byDevice.get(k) ?? []), p]);
  }
  const finished = campaign.plan.flatMap((t) =>
    t.devices
      .filter((d) => d.results.length > 0)
      .map((d) => ({ operationId: t.operationId, deviceId: d.deviceId, result: d.results.at(-1)! })),
  );
  const count = finished.length === 0 ? 0 : Math.max(1, Math.round(finished.length * opts.withholdRate));
  const withheld = rng.shuffle(finished).slice(0, count);
  const skip = new Set(withheld.map((w) => `${w.operationId}\0${w.deviceId}`));

  let pending = 0;
  const tasks = campaign.plan.map((plan): StandinTask => {
    const created = compact(plan.startAt);
    const subs: StandinSubOperation[] = plan.devices.map((d) => {
      const results = (byDevice.get(`${plan.operationId}\0${d.deviceId}`) ?? []).filter(isResultPush);
      const last = results.reduce<(typeof results)[number] | undefined>(
        (a, b) => (!a || b.upgradeTime >= a.upgradeTime ? b : a),
        undefined,
      );
      const status: SubStatus = last ? resultOf(last) : "PROCESSING";
      const failure =
        last && status === "FAIL"
          ? "errorCode" in last
            ? { errorCode: last.errorCode }
            : { resultDesc: last.statusDesc }
          : {};
      return {
        subOperationId: d.subOperationId,
        deviceId: d.deviceId,
        status,
        createTime: created,
        startTime: created,
        stopTime: last ? last.upgradeTime : null,
        detailInfo: {
          ...failure,
          ...(last
            ? { targetVersion: last.targetVersion, sourceVersion: last.sourceVersion, curVersion: last.curVersion }
            : {}),
        },
        extendInfo: {},
      };
    });
    const extra = Math.round(plan.devices.length * opts.pendingRate);
    for (let i = 0; i < extra; i++) {
      pending++;
      subs.push({
        subOperationId: rng.hex(32),
        deviceId: rng.uuid(),
        status: "WAIT",
        createTime: created,
        startTime: null,
        stopTime: null,
        detailInfo: {},
        extendInfo: {},
      });
    }
    return {
      operationId: plan.operationId,
      operateType: plan.kind === "firmware" ? "firmware_upgrade" : "software_upgrade",
      createTime: created,
      startTime: created,
      stopTime: null,
      subs,
    };
  });
  const pushes = campaign.pushes.filter((p) => !(isResultPush(p) && skip.has(`${p.operationId}\0${p.deviceId}`)));
  return { tasks, pushes, withheld, withheldPushes: campaign.pushes.length - pushes.length, pending };
}

function compact(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
