// What goes wrong in the field, and how often. Weights are deliberately uneven: a dashboard's
// "top failure reasons" view is only worth testing when a few reasons dominate a long tail.
import type { Kind } from "./types";
import type { Random, Weighted } from "./random";

/**
 * How far the device got before it failed, which decides which state pushes precede the result:
 * before = none, download = downloading, verify = + downloaded, install = + updating.
 */
export type FailureStage = "before" | "download" | "verify" | "install";

export interface Failure {
  /** Software only: the device's errorCode (IoTDA result_code, docs/push-contract.md#iotda-ota-result-codes). */
  errorCode?: string;
  /** `description` for software, `statusDesc` for firmware. */
  text: string;
  stage: FailureStage;
  /** The device already runs the target, so curVersion is the target even though the result is FAIL. */
  alreadyLatest?: boolean;
}

// IoTDA device-side OTA result codes (docs/push-contract.md#iotda-ota-result-codes).
const SOFTWARE_FAILURES: readonly Weighted<Failure>[] = [
  { weight: 22, value: { errorCode: "6", text: "download timeout", stage: "download" } },
  { weight: 18, value: { errorCode: "2", text: "poor signal", stage: "download" } },
  { weight: 14, value: { errorCode: "5", text: "insufficient storage space", stage: "download" } },
  { weight: 11, value: { errorCode: "4", text: "low battery", stage: "before" } },
  { weight: 9, value: { errorCode: "7", text: "package verification failure", stage: "verify" } },
  { weight: 8, value: { errorCode: "1", text: "device in use", stage: "before" } },
  { weight: 8, value: { errorCode: "10", text: "package installation failure", stage: "install" } },
  { weight: 4, value: { errorCode: "9", text: "insufficient memory", stage: "install" } },
  { weight: 3, value: { errorCode: "3", text: "already the latest version", stage: "before", alreadyLatest: true } },
  { weight: 2, value: { errorCode: "8", text: "unsupported package type", stage: "verify" } },
  { weight: 1, value: { errorCode: "255", text: "internal exception", stage: "install" } },
];

// LwM2M /5/0/5 Update Result meanings (docs/push-contract.md#lwm2m-update-result; whether Huawei puts
// them in statusDesc is an open question there).
const FIRMWARE_FAILURES: readonly Weighted<Failure>[] = [
  { weight: 30, value: { text: "connection lost during download", stage: "download" } },
  { weight: 20, value: { text: "firmware update failed", stage: "install" } },
  { weight: 15, value: { text: "integrity check failure for the downloaded package", stage: "verify" } },
  { weight: 12, value: { text: "not enough flash memory for the new package", stage: "download" } },
  { weight: 6, value: { text: "out of RAM during download", stage: "download" } },
  { weight: 4, value: { text: "unsupported package type", stage: "verify" } },
  { weight: 3, value: { text: "firmware update cancelled", stage: "download" } },
  { weight: 3, value: { text: "invalid URI", stage: "before" } },
  { weight: 2, value: { text: "unsupported protocol", stage: "before" } },
];

export const SUCCESS_TEXT = { resultDesc: "upgrade success", errorCode: "0", description: "success" } as const;
export const FAIL_RESULT_DESC = "upgrade failed";

export function pickFailure(rng: Random, kind: Kind): Failure {
  return rng.weighted(kind === "software" ? SOFTWARE_FAILURES : FIRMWARE_FAILURES);
}

export interface TaskVersions {
  targetVersion: string;
  /** 1–3 versions the fleet is upgrading from, most common first. */
  sourceVersions: Weighted<string>[];
}

// A fleet is rarely uniform: most devices sit on the previous release, a tail on older ones.
const SOURCE_SHARES = [65, 25, 10];

export function pickVersions(rng: Random, kind: Kind): TaskVersions {
  const prefix = kind === "software" ? "V" : "FW";
  const major = rng.int(1, 3);
  const minor = rng.int(3, 9);
  const targetVersion = `${prefix}${major}.${minor}.${rng.int(0, 4)}`;
  const count = rng.weighted([
    { value: 1, weight: 3 },
    { value: 2, weight: 4 },
    { value: 3, weight: 3 },
  ]);
  const sourceVersions = Array.from({ length: count }, (_, k) => ({
    // A lower minor per source keeps every version distinct and older than the target.
    value: `${prefix}${major}.${minor - 1 - k}.${rng.int(0, 6)}`,
    weight: SOURCE_SHARES[k] ?? 5,
  }));
  return { targetVersion, sourceVersions };
}
