// JSON shapes of the completeness and health APIs (a task against its target population, the
// projection's lag). Types only, like ./responses.ts, which re-exports them.
import type { DeviceOutcome } from "./devices";

/** GET /api/health's projection figures: how far the views are behind acknowledged pushes. */
export interface ProjectionLag {
  /** Acknowledged notifications not yet folded into the views. */
  pendingEvents: number;
  /** Age of the oldest of them (now − its received_at), 0 when none. Seconds. */
  lagSeconds: number;
  /** The oldest one's arrival (ISO): the views are complete up to here. Null when nothing is pending. */
  asOf: string | null;
  /** Notifications folded since the log began (across instances). */
  projectedEvents: number;
  /** Notifications the fold kept failing on, set aside in projection_parked (not counted; should be 0). */
  parkedEvents: number;
  /** When a fold last committed (ISO), null before the first. */
  lastFoldAt: string | null;
}

/** GET /api/health */
export interface HealthResponse {
  status: "ok";
  database: "postgresql" | "pglite";
  projection: ProjectionLag;
}

/** Where a task's expected devices come from. `unknown`: no target list, so only devices that reported are known. */
export type ExpectedSource = "platform" | "declared" | "platform_and_declared" | "unknown";

/**
 * A task measured against its target population (GET /api/tasks/{operationId} `completeness`).
 * Outcome counts are over every device that reported (expected or not); `barTotal` =
 * succeeded + failed + inProgress + pending = expected + unexpected (or reported when unknown).
 */
export interface TaskCompleteness {
  /** Target devices (task_targets rows); null when no list is known. */
  expected: number | null;
  expectedSource: ExpectedSource;
  /** Devices with a state row that are expected (every reporter when the list is unknown). */
  reported: number;
  /** Devices that reported but are not on a known target list. */
  unexpected: number;
  /** Expected devices that never sent anything. */
  pending: number;
  succeeded: number;
  failed: number;
  /** In progress, stale ones included. */
  inProgress: number;
  /** In progress with no event for staleAfterHours. */
  stale: number;
  staleAfterHours: number;
  /** Target devices the platform reports STOP / TIMEOUT for and that have no result here. */
  stopped: number;
  timedOut: number;
  /** Results reconciled from the platform's API because their push never arrived. */
  lostPushes: number;
  /** Devices whose platform status (SUCCESS/FAIL) contradicts their outcome here. */
  disagreements: number;
  barTotal: number;
}

export interface DisagreementRow {
  deviceId: string;
  platformStatus: string;
  platformDetail: string | null;
  platformUpdatedAt: string | null;
  outcome: DeviceOutcome;
  result: string | null;
  /** When our latest result arrived. */
  receivedAt: string | null;
}

export interface ExpectedDeviceRow {
  deviceId: string;
  source: "platform" | "declared";
  platformStatus: string | null;
  addedAt: string;
}
