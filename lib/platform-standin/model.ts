// The stand-in platform's data: upgrade tasks and their sub-operations (one per device), shaped like
// the platform's DTOs (spec §7). Statistics are always computed from the sub-operations, so staResult
// and the sub-task pages can never disagree.

export type SubStatus = "WAIT" | "PROCESSING" | "SUCCESS" | "FAIL" | "STOP" | "TIMEOUT";

export interface StandinSubOperation {
  subOperationId: string;
  deviceId: string;
  status: SubStatus;
  createTime: string;
  startTime: string | null;
  stopTime: string | null;
  detailInfo: Record<string, unknown>;
  extendInfo: Record<string, unknown>;
}

export interface StandinTask {
  operationId: string;
  operateType: "firmware_upgrade" | "software_upgrade";
  createTime: string;
  startTime: string | null;
  stopTime: string | null;
  /** Set to fix the task's status; otherwise it follows the sub-operations. */
  status?: string;
  subs: StandinSubOperation[];
}

/** UTC yyyyMMdd'T'HHmmss'Z', the platform's time format. */
export function platformTimeText(at: Date | number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function staResult(task: StandinTask) {
  const s = { total: task.subs.length, wait: 0, processing: 0, success: 0, fail: 0, stop: 0, timeout: 0 };
  for (const sub of task.subs) {
    const k = sub.status.toLowerCase() as "wait" | "processing" | "success" | "fail" | "stop" | "timeout";
    s[k]++;
  }
  return s;
}

/** wait (nothing started), processing (anything open), success (all succeeded), else failed; or the fixed status. */
export function taskStatus(task: StandinTask): string {
  if (task.status) return task.status;
  const s = staResult(task);
  if (s.total === 0 || s.wait === s.total) return "wait";
  if (s.wait + s.processing > 0) return "processing";
  return s.success === s.total ? "success" : "failed";
}

export function taskView(task: StandinTask, appId: string) {
  return {
    operationId: task.operationId,
    createTime: task.createTime,
    startTime: task.startTime,
    stopTime: task.stopTime,
    operateType: task.operateType,
    appId,
    targets: { devices: task.subs.map((s) => s.deviceId) },
    policy: { executeType: "now" },
    status: taskStatus(task),
    staResult: staResult(task),
    extendPara: {},
  };
}

export function subView(task: StandinTask, sub: StandinSubOperation) {
  return { ...sub, operateType: task.operateType };
}

/** A task of `devices` devices named `${prefix}-000001`…, all in status `status`, finished at `at`. */
export function makeTask(
  operationId: string,
  devices: number,
  opts: { status?: SubStatus; at?: Date; operateType?: StandinTask["operateType"]; prefix?: string } = {},
): StandinTask {
  const at = platformTimeText(opts.at ?? new Date(Date.now() - 3_600_000));
  const status = opts.status ?? "SUCCESS";
  const finished = status === "SUCCESS" || status === "FAIL" || status === "STOP" || status === "TIMEOUT";
  const subs: StandinSubOperation[] = [];
  for (let i = 1; i <= devices; i++) {
    subs.push({
      subOperationId: `${operationId}-sub-${i}`,
      deviceId: `${opts.prefix ?? "dev"}-${String(i).padStart(6, "0")}`,
      status,
      createTime: at,
      startTime: status === "WAIT" ? null : at,
      stopTime: finished ? at : null,
      detailInfo: status === "FAIL" ? { errorCode: "120", resultDesc: "download failed" } : {},
      extendInfo: {},
    });
  }
  return {
    operationId,
    operateType: opts.operateType ?? "firmware_upgrade",
    createTime: at,
    startTime: at,
    stopTime: null,
    subs,
  };
}
