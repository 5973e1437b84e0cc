// A seedable, pure generator of realistic upgrade campaigns: the demo-data source and the load
// generator's payloads. No I/O and no clock: the same options always give the same pushes.
import { pickVersions } from "./catalog";
import { deliver } from "./delivery";
import { planDevice, type TaskPlan, type TimedPush } from "./device-timeline";
import { createRandom } from "./random";
import type { Kind, UpgradePush } from "./types";

export { computeTruth, contentKey, type CampaignTruth, type DeviceTruth, type Outcome, type TaskTruth } from "./truth";
export { formatCompactUtc, type DevicePlan, type TaskPlan } from "./device-timeline";
export type * from "./types";

export interface CampaignOptions {
  /** Upgrade tasks (operationIds); they alternate software, firmware. Default 4. */
  tasks?: number;
  /** Devices in each task. Default 50. */
  devicesPerTask?: number;
  /** Share of devices whose first attempt fails. Default 0.2. */
  failRate?: number;
  /** Default 1. Strings work too ("demo"). */
  seed?: number | string;
  /** Share of failed devices that try again later (most retries succeed). Default 0.4. */
  retryRate?: number;
  /** Share of devices still mid-upgrade (state changes, no result). Default 0.05. */
  inProgressRate?: number;
  /** Share of pushes delivered twice. Default 0.03. */
  duplicateRate?: number;
  /** Share of results delivered after a later one. Default 0.05. */
  outOfOrderRate?: number;
  /** When the first task starts (ms since epoch or a Date). Default 2024-01-15T08:00:00Z. */
  startAt?: number | Date;
  /** Northbound applications (appIds); each has one device fleet. Default min(2, tasks). */
  apps?: number;
}

export type ResolvedCampaignOptions = Required<Omit<CampaignOptions, "startAt">> & { startAt: number };

export interface Campaign {
  options: ResolvedCampaignOptions;
  /** In delivery order, exactly as the platform would POST them. */
  pushes: UpgradePush[];
  /** The generator's intent, for cross-checking; use computeTruth(pushes) for expected numbers. */
  plan: TaskPlan[];
}

const DEFAULT_START_AT = Date.UTC(2024, 0, 15, 8, 0, 0);
const MINUTE = 60_000;

function resolveCampaignOptions(options: CampaignOptions = {}): ResolvedCampaignOptions {
  const tasks = options.tasks ?? 4;
  const resolved: ResolvedCampaignOptions = {
    tasks,
    devicesPerTask: options.devicesPerTask ?? 50,
    failRate: options.failRate ?? 0.2,
    seed: options.seed ?? 1,
    retryRate: options.retryRate ?? 0.4,
    inProgressRate: options.inProgressRate ?? 0.05,
    duplicateRate: options.duplicateRate ?? 0.03,
    outOfOrderRate: options.outOfOrderRate ?? 0.05,
    startAt: options.startAt instanceof Date ? options.startAt.getTime() : (options.startAt ?? DEFAULT_START_AT),
    apps: options.apps ?? Math.max(1, Math.min(2, tasks)),
  };
  for (const key of ["tasks", "devicesPerTask", "apps"] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1)
      throw new RangeError(`${key} must be a positive integer`);
  }
  for (const key of ["failRate", "retryRate", "inProgressRate", "duplicateRate", "outOfOrderRate"] as const) {
    const v = resolved[key];
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${key} must be between 0 and 1`);
  }
  if (!Number.isFinite(resolved.startAt)) throw new RangeError("startAt must be a valid time");
  return resolved;
}

export function generateCampaign(options: CampaignOptions = {}): Campaign {
  const opts = resolveCampaignOptions(options);
  // Separate streams: changing a delivery rate must not change the campaign itself.
  const rng = createRandom(`${String(opts.seed)}:plan`);
  const deliveryRng = createRandom(`${String(opts.seed)}:delivery`);

  // Each app owns a fleet a bit larger than a task, so its software and firmware tasks overlap.
  const fleetSize = opts.devicesPerTask + Math.ceil(opts.devicesPerTask / 4);
  const apps = Array.from({ length: opts.apps }, () => ({
    appId: rng.alphanumeric(28),
    fleet: Array.from({ length: fleetSize }, () => rng.uuid()),
  }));

  const plan: TaskPlan[] = [];
  const timed: TimedPush[] = [];
  let taskStart = opts.startAt;
  for (let i = 0; i < opts.tasks; i++) {
    const kind: Kind = i % 2 === 0 ? "software" : "firmware";
    const app = apps[Math.floor(i / 2) % apps.length]!;
    const operationId = rng.hex(32);
    const versions = pickVersions(rng, kind);
    const task: TaskPlan = {
      operationId,
      kind,
      appId: app.appId,
      targetVersion: versions.targetVersion,
      sourceVersions: versions.sourceVersions.map((v) => v.value),
      startAt: taskStart,
      devices: [],
    };
    // The platform dispatches a task gradually; bigger tasks take longer to reach every device.
    const spreadSeconds = Math.min(7200, Math.max(300, opts.devicesPerTask * 15));
    for (const deviceId of rng.shuffle(app.fleet).slice(0, opts.devicesPerTask)) {
      const ids = { deviceId, subOperationId: rng.hex(32), sourceVersion: rng.weighted(versions.sourceVersions) };
      const start = taskStart + rng.int(0, spreadSeconds) * 1000;
      const { plan: devicePlan, pushes } = planDevice(rng, task, ids, opts, start);
      task.devices.push(devicePlan);
      timed.push(...pushes);
    }
    plan.push(task);
    taskStart += rng.int(10, 40) * MINUTE;
  }

  // Stable sort: pushes at the same simulated second keep their generation order.
  const ordered = timed
    .map((t, i) => ({ ...t, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((t) => t.push);
  return { options: opts, pushes: deliver(deliveryRng, ordered, opts), plan };
}

/**
 * The same campaign as generateCampaign(options), shifted so its latest upgradeTime is `endAt`.
 * The plan never depends on startAt, so only the times move.
 */
export function generateCampaignEndingAt(options: Omit<CampaignOptions, "startAt">, endAt: number | Date): Campaign {
  const probe = generateCampaign({ ...options, startAt: DEFAULT_START_AT });
  let latest = DEFAULT_START_AT;
  for (const p of probe.pushes) if ("upgradeTime" in p) latest = Math.max(latest, parseCompactUtc(p.upgradeTime));
  const end = endAt instanceof Date ? endAt.getTime() : endAt;
  return generateCampaign({ ...options, startAt: Math.floor(end / 1000) * 1000 - (latest - DEFAULT_START_AT) });
}

function parseCompactUtc(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) throw new Error(`not a compact UTC time: ${s}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}
