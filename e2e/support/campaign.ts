// Builds upgrade pushes for the e2e suite: a scenario per device chosen to exercise every rule the
// dashboard shows (retries, recoveries, late results, duplicates, contradictions, hostile strings).

export type Body = Record<string, unknown>;

let counter = 0;
/** A prefix unique to this run and call, so specs never see each other's tasks. */
export function uniqueId(label: string): string {
  counter += 1;
  return `e2e-${label}-${Date.now().toString(36)}-${process.pid.toString(36)}${counter}`;
}

/** `yyyyMMdd'T'HHmmss'Z'`, the documented compact UTC format. */
export function compactTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function swState(
  operationId: string,
  deviceId: string,
  state: string,
  subOperationId = `sub-${deviceId}`,
): Body {
  return {
    notifyType: "swUpgradeStateChangeNotify",
    deviceId,
    appId: "app-e2e",
    operationId,
    subOperationId,
    swUpgradeState: state,
  };
}

export function swResult(
  operationId: string,
  deviceId: string,
  r: { ok: boolean; at: number; source?: string; target?: string; cur?: string; code?: string; description?: string },
): Body {
  const source = r.source ?? "V1.0";
  const target = r.target ?? "V2.0";
  return {
    notifyType: "swUpgradeResultNotify",
    deviceId,
    appId: "app-e2e",
    operationId,
    subOperationId: `sub-${deviceId}`,
    curVersion: r.cur ?? (r.ok ? target : source),
    targetVersion: target,
    sourceVersion: source,
    swUpgradeResult: r.ok ? "SUCCESS" : "FAIL",
    upgradeTime: compactTime(r.at),
    resultDesc: r.ok ? "upgrade success" : "upgrade failed",
    errorCode: r.code ?? (r.ok ? "0" : "8"),
    description: r.description ?? (r.ok ? "" : "firmware update failed"),
  };
}

export function fwState(operationId: string, deviceId: string, step: "0" | "1" | "2" | "3"): Body {
  const names = { "0": "idle", "1": "downloading", "2": "downloaded", "3": "updating" } as const;
  return {
    notifyType: "fwUpgradeStateChangeNotify",
    deviceId,
    appId: "app-fw",
    operationId,
    subOperationId: `fsub-${deviceId}`,
    step,
    stepDesc: names[step],
  };
}

export function fwResult(
  operationId: string,
  deviceId: string,
  r: { ok: boolean; at: number; statusDesc?: string },
): Body {
  return {
    notifyType: "fwUpgradeResultNotify",
    deviceId,
    appId: "app-fw",
    operationId,
    subOperationId: `fsub-${deviceId}`,
    curVersion: r.ok ? "FW2" : "FW1",
    targetVersion: "FW2",
    sourceVersion: "FW1",
    status: r.ok ? "SUCCESS" : "FAIL",
    statusDesc: r.statusDesc ?? (r.ok ? "upgrade success" : "download timeout"),
    upgradeTime: compactTime(r.at),
  };
}

/**
 * A software task of `devices` devices cycling through eight scenarios, in delivery order.
 * Sources alternate V1.0 / V1.5 so the task has two transitions.
 */
export function softwareCampaign(
  operationId: string,
  {
    devices = 16,
    devicePrefix = "dev",
    base = Date.now() - 3_600_000,
  }: { devices?: number; devicePrefix?: string; base?: number } = {},
): Body[] {
  const sends: Body[] = [];
  for (let i = 0; i < devices; i++) {
    const d = `${devicePrefix}-${String(i).padStart(3, "0")}`;
    const source = i % 2 === 0 ? "V1.0" : "V1.5";
    const at = base + i * 60_000;
    const r = (x: Parameters<typeof swResult>[2]) => swResult(operationId, d, { source, ...x });
    sends.push(swState(operationId, d, "downloading"));
    switch (i % 8) {
      case 0: // succeeds first time
        sends.push(r({ ok: true, at }));
        break;
      case 1: // fails: no space
        sends.push(r({ ok: false, at, code: "5", description: "insufficient storage space" }));
        break;
      case 2: // fails, retried, succeeds (recovered)
        sends.push(r({ ok: false, at, code: "6", description: "download timeout" }));
        sends.push(swState(operationId, d, "downloading"));
        sends.push(r({ ok: true, at: at + 30_000 }));
        break;
      case 3: // still downloading, no result yet
        break;
      case 4: // SUCCESS yet not on the target version (contradiction); a late `updating` tail
        sends.push(r({ ok: true, at, cur: source }));
        sends.push(swState(operationId, d, "updating"));
        break;
      case 5: // FAIL while already on the target; hostile strings for the CSV and the page
        sends.push(
          r({
            ok: false,
            at,
            cur: "V2.0",
            code: '=HYPERLINK("http://x")',
            description: '-2+3 <script>alert(1)</script>, "quoted"',
          }),
        );
        break;
      case 6: // fails, then a new subtask downloads again: latest result FAIL, outcome in progress.
        // (Same subtask and state would be byte-identical to the first push: a duplicate.)
        sends.push(r({ ok: false, at, code: "5", description: "insufficient storage space" }));
        sends.push(swState(operationId, d, "downloading", `sub-${d}-retry`));
        break;
      case 7: {
        // late delivery: the later SUCCESS arrives before the earlier FAIL, and twice
        const success = r({ ok: true, at: at + 20_000 });
        sends.push(success, r({ ok: false, at, code: "6", description: "download timeout" }), success);
        break;
      }
    }
  }
  return sends;
}

/** A firmware task: its failures are grouped by statusDesc (firmware pushes carry no errorCode). */
export function firmwareCampaign(operationId: string, base = Date.now() - 1_800_000): Body[] {
  return [
    fwState(operationId, "fw-a", "1"),
    fwResult(operationId, "fw-a", { ok: true, at: base }),
    fwState(operationId, "fw-b", "1"),
    fwResult(operationId, "fw-b", { ok: false, at: base + 1_000, statusDesc: "download timeout" }),
    fwResult(operationId, "fw-c", { ok: false, at: base + 2_000, statusDesc: "download timeout" }),
    fwResult(operationId, "fw-d", { ok: false, at: base + 3_000, statusDesc: "integrity check failure" }),
    fwState(operationId, "fw-e", "2"),
  ];
}
