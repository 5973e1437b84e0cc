// The shape of the read benchmark's dataset: how many tasks, how big each is, which devices each
// reaches. Deterministic from the seed. Pure: no I/O.
import { createRandom } from "@/lib/simulator/random";

export interface DatasetOptions {
  /** Result notifications to aim for (state changes come on top). Default 1,000,000. */
  results: number;
  /** Upgrade tasks. Default: results / 1,000, between 4 and 1,000. */
  tasks?: number;
  /** Devices in the largest task. Default: results / 5 (200,000 at 1M). */
  largestTask?: number;
  seed?: string;
  /** When the first task starts (ms). Default 2026-10-01T00:00:00Z. */
  startAt?: number;
}

export interface TaskShape {
  index: number;
  kind: "software" | "firmware";
  appId: string;
  devices: number;
  /** Offset into the shared fleet: the task reaches devices fleet[offset .. offset + devices). */
  fleetOffset: number;
  startAt: number;
  /** The largest task fails often (≈ half its devices end failed), so its failed.csv is large. */
  failRate: number;
  retryRate: number;
}

export interface DatasetPlan {
  seed: string;
  fleet: string[];
  tasks: TaskShape[];
}

// A result is ~1.03 results per device at the default rates (retries minus the stuck 5 %).
const RESULTS_PER_DEVICE = 1.03;
const TASK_GAP_MS = 45 * 60_000;

export function planDataset(o: DatasetOptions): DatasetPlan {
  const seed = o.seed ?? "bench-reads";
  const rng = createRandom(`${seed}:dataset`);
  const taskCount = o.tasks ?? Math.min(1_000, Math.max(10, Math.round(o.results / 1_000)));
  const largest = o.largestTask ?? Math.max(10, Math.round(o.results / 5));
  const restDevices = Math.max(
    taskCount - 1,
    Math.round((o.results - largest * RESULTS_PER_DEVICE) / RESULTS_PER_DEVICE),
  );
  // Log-uniform weights: many small tasks, a tail of big ones (like real fleets).
  const weights = Array.from({ length: taskCount - 1 }, () => Math.exp(rng.next() * Math.log(1_000)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.min(largest, Math.round((w / sum) * restDevices))));
  // The largest task sits in the middle of the list, not first or last.
  sizes.splice(Math.floor(taskCount / 2), 0, largest);

  // One fleet shared by all tasks, so a device shows up in several tasks (device history, distinct counts).
  const fleetSize = Math.ceil(largest * 1.5);
  const fleet = Array.from({ length: fleetSize }, () => rng.uuid());
  const apps = Array.from({ length: 3 }, () => rng.alphanumeric(28));
  const startAt = o.startAt ?? Date.UTC(2026, 9, 1);
  const tasks = sizes.map((devices, index): TaskShape => {
    const big = devices === largest;
    return {
      index,
      kind: index % 2 === 0 ? "software" : "firmware",
      appId: apps[index % apps.length]!,
      devices,
      fleetOffset: rng.int(0, fleetSize - 1),
      startAt: startAt + index * TASK_GAP_MS,
      failRate: big ? 0.6 : 0.05 + rng.next() * 0.3,
      retryRate: big ? 0.15 : 0.4,
    };
  });
  return { seed, fleet, tasks };
}

export function taskDevices(plan: DatasetPlan, t: TaskShape): string[] {
  const out: string[] = new Array(t.devices);
  for (let i = 0; i < t.devices; i++) out[i] = plan.fleet[(t.fleetOffset + i) % plan.fleet.length]!;
  return out;
}
