// The four pushes exactly as Huawei sends them (docs/push-contract.md#payloads): every documented field,
// every value a string.
// Deliberately separate from lib/notifications: the simulator plays the platform, so it must not
// borrow the receiver's idea of what a push looks like.

export type Kind = "software" | "firmware";
export type UpgradeResult = "SUCCESS" | "FAIL";
export type SwUpgradeState = "downloading" | "downloaded" | "updating" | "idle";
export type FwStep = "0" | "1" | "2" | "3";

interface PushBase {
  deviceId: string;
  appId: string;
  operationId: string;
  subOperationId: string;
}

export interface SwStateChangePush extends PushBase {
  notifyType: "swUpgradeStateChangeNotify";
  swUpgradeState: SwUpgradeState;
}

export interface SwResultPush extends PushBase {
  notifyType: "swUpgradeResultNotify";
  curVersion: string;
  targetVersion: string;
  sourceVersion: string;
  swUpgradeResult: UpgradeResult;
  /**
   * Compact UTC, yyyyMMdd'T'HHmmss'Z' (docs/push-contract.md#times: the format is open; this is the
   * platform's API time format).
   */
  upgradeTime: string;
  resultDesc: string;
  errorCode: string;
  description: string;
}

export interface FwStateChangePush extends PushBase {
  notifyType: "fwUpgradeStateChangeNotify";
  step: FwStep;
  stepDesc: SwUpgradeState;
}

/**
 * No errorCode and no fwUpgradeResult field: the outcome is `status`/`statusDesc`
 * (docs/push-contract.md#firmware-result).
 */
export interface FwResultPush extends PushBase {
  notifyType: "fwUpgradeResultNotify";
  curVersion: string;
  targetVersion: string;
  sourceVersion: string;
  status: UpgradeResult;
  statusDesc: string;
  upgradeTime: string;
}

export type UpgradePush = SwStateChangePush | SwResultPush | FwStateChangePush | FwResultPush;
export type ResultPush = SwResultPush | FwResultPush;
export type StateChangePush = SwStateChangePush | FwStateChangePush;

export const isResultPush = (p: UpgradePush): p is ResultPush =>
  p.notifyType === "swUpgradeResultNotify" || p.notifyType === "fwUpgradeResultNotify";

export const resultOf = (p: ResultPush): UpgradeResult =>
  p.notifyType === "swUpgradeResultNotify" ? p.swUpgradeResult : p.status;

export const kindOf = (p: UpgradePush): Kind => (p.notifyType.startsWith("sw") ? "software" : "firmware");
