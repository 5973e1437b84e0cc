// One device's life in one upgrade task: state changes, a result, sometimes a retry. Times are
// simulated milliseconds; nothing here reads the clock.
import { FAIL_RESULT_DESC, SUCCESS_TEXT, pickFailure, type Failure, type FailureStage } from "./catalog";
import type { Random } from "./random";
import type { FwStep, Kind, ResultPush, StateChangePush, SwUpgradeState, UpgradePush, UpgradeResult } from "./types";

export interface TaskPlan {
  operationId: string;
  kind: Kind;
  appId: string;
  targetVersion: string;
  sourceVersions: string[];
  startAt: number;
  devices: DevicePlan[];
}

/** What the generator intended for a device; tests compare it with the truth recomputed from the pushes. */
export interface DevicePlan {
  deviceId: string;
  subOperationId: string;
  sourceVersion: string;
  /** One entry per attempt, in time order. Empty when the device is still in progress. */
  results: UpgradeResult[];
  /** Software errorCode or firmware statusDesc of each failed attempt, in time order. */
  failures: string[];
}

export interface TimedPush {
  at: number;
  push: UpgradePush;
}

export interface DeviceRates {
  failRate: number;
  retryRate: number;
  inProgressRate: number;
}

const MAX_ATTEMPTS = 3;
// A retry is a fresh attempt, usually after the cause went away (signal came back, battery charged).
const RETRY_FAIL_RATE = 0.2;
// Some devices report going back to idle after a result; the receiver must treat idle as resting.
const IDLE_AFTER_RESULT_RATE = 0.15;

const FW_STEP: Record<SwUpgradeState, FwStep> = { idle: "0", downloading: "1", downloaded: "2", updating: "3" };
const STATES_BY_STAGE: Record<FailureStage, SwUpgradeState[]> = {
  before: [],
  download: ["downloading"],
  verify: ["downloading", "downloaded"],
  install: ["downloading", "downloaded", "updating"],
};
const SECOND = 1000;

/** yyyyMMdd'T'HHmmss'Z' in UTC, the format of every other Huawei API time (docs/push-contract.md#times). */
export function formatCompactUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export function planDevice(
  rng: Random,
  task: TaskPlan,
  ids: { deviceId: string; subOperationId: string; sourceVersion: string },
  rates: DeviceRates,
  startAt: number,
): { plan: DevicePlan; pushes: TimedPush[] } {
  const plan: DevicePlan = { ...ids, results: [], failures: [] };
  const pushes: TimedPush[] = [];
  let t = startAt;

  if (rng.chance(rates.inProgressRate)) {
    // Stuck mid-upgrade when the campaign snapshot ends: states, no result.
    const states = STATES_BY_STAGE[rng.pick(["download", "verify", "install"] as const)];
    for (const s of states) {
      pushes.push({ at: t, push: statePush(task, plan, s) });
      t += rng.int(5, 120) * SECOND;
    }
    return { plan, pushes };
  }

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const fails = rng.chance(attempt === 1 ? rates.failRate : RETRY_FAIL_RATE);
    const failure = fails ? pickFailure(rng, task.kind) : null;
    for (const s of STATES_BY_STAGE[failure?.stage ?? "install"]) {
      pushes.push({ at: t, push: statePush(task, plan, s) });
      t += stateDuration(rng, s);
    }
    // Failing before anything started is quick; a download that times out is slow.
    if (failure?.stage === "before") t += rng.int(1, 20) * SECOND;
    if (failure?.stage === "download") t += rng.int(30, 900) * SECOND;
    pushes.push({ at: t, push: resultPush(task, plan, failure, t) });
    plan.results.push(failure ? "FAIL" : "SUCCESS");
    if (failure) plan.failures.push(failure.errorCode ?? failure.text);

    if (rng.chance(IDLE_AFTER_RESULT_RATE))
      pushes.push({ at: t + rng.int(1, 30) * SECOND, push: statePush(task, plan, "idle") });
    if (!failure || attempt === MAX_ATTEMPTS || !rng.chance(rates.retryRate)) break;
    // Retries come minutes to hours later, so upgradeTime strictly increases per device.
    t += rng.int(10 * 60, 6 * 3600) * SECOND;
  }
  return { plan, pushes };
}

function stateDuration(rng: Random, state: SwUpgradeState): number {
  if (state === "downloading") return rng.int(20, 600) * SECOND;
  if (state === "downloaded") return rng.int(2, 60) * SECOND;
  return rng.int(15, 300) * SECOND;
}

// Key order follows the spec's field tables, which is how the platform serialises them.
function statePush(task: TaskPlan, d: DevicePlan, state: SwUpgradeState): StateChangePush {
  const base = {
    deviceId: d.deviceId,
    appId: task.appId,
    operationId: task.operationId,
    subOperationId: d.subOperationId,
  };
  return task.kind === "software"
    ? { notifyType: "swUpgradeStateChangeNotify", ...base, swUpgradeState: state }
    : { notifyType: "fwUpgradeStateChangeNotify", ...base, step: FW_STEP[state], stepDesc: state };
}

function resultPush(task: TaskPlan, d: DevicePlan, failure: Failure | null, at: number): ResultPush {
  const base = {
    deviceId: d.deviceId,
    appId: task.appId,
    operationId: task.operationId,
    subOperationId: d.subOperationId,
  };
  // A failed device mostly stays on its old version; "already the latest" is the exception.
  const curVersion = !failure || failure.alreadyLatest ? task.targetVersion : d.sourceVersion;
  const versions = { curVersion, targetVersion: task.targetVersion, sourceVersion: d.sourceVersion };
  const upgradeTime = formatCompactUtc(at);
  const result: UpgradeResult = failure ? "FAIL" : "SUCCESS";
  if (task.kind === "firmware") {
    const statusDesc = failure ? failure.text : SUCCESS_TEXT.resultDesc;
    return { notifyType: "fwUpgradeResultNotify", ...base, ...versions, status: result, statusDesc, upgradeTime };
  }
  return {
    notifyType: "swUpgradeResultNotify",
    ...base,
    ...versions,
    swUpgradeResult: result,
    upgradeTime,
    resultDesc: failure ? FAIL_RESULT_DESC : SUCCESS_TEXT.resultDesc,
    errorCode: failure?.errorCode ?? SUCCESS_TEXT.errorCode,
    description: failure ? failure.text : SUCCESS_TEXT.description,
  };
}
