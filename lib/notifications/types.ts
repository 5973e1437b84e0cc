// Shapes shared by the parser, the store and the read side. Pure types: safe to import anywhere.
import type { FieldProblem } from "@/lib/errors";
import type { DeviceOutcome } from "@/lib/schemas/devices";

export const NOTIFY_TYPES = [
  "swUpgradeResultNotify",
  "fwUpgradeResultNotify",
  "swUpgradeStateChangeNotify",
  "fwUpgradeStateChangeNotify",
] as const;

export type NotifyType = (typeof NOTIFY_TYPES)[number];
export type Kind = "software" | "firmware";
export type EventType = "result" | "state";
export type Result = "SUCCESS" | "FAIL";
/** lib/schemas/devices.ts's DeviceOutcome, under the name lib/ingest uses. */
export type Outcome = DeviceOutcome;
/** push: received on our callback; api: reconciled from the platform's task API (a lost push). */
export type NotificationSource = "push" | "api";

// Defined with the error vocabulary (the HTTP envelope carries it too); re-exported for the parser.
export type { FieldProblem };

/** One upgrade push, validated and flattened into the columns we store and index. */
export interface ParsedNotification {
  notifyType: NotifyType;
  kind: Kind;
  event: EventType;
  deviceId: string;
  operationId: string;
  appId: string | null;
  subOperationId: string | null;
  result: Result | null;
  state: string | null;
  step: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
  curVersion: string | null;
  errorCode: string | null;
  description: string | null;
  /** resultDesc for software, statusDesc for firmware. */
  resultDesc: string | null;
  upgradeTimeRaw: string | null;
  upgradeAt: Date | null;
  warnings: FieldProblem[];
  /** The body exactly as received. */
  rawBody: string;
  /** sha256 of the canonical JSON: equal for the same content whatever the key order or spacing. */
  contentHash: string;
  /**
   * Where it came from: "push" (our callback; the default when absent) or "api" (a result the
   * platform's task API reported but whose push never arrived, appended by lib/platform/lost-push.ts).
   */
  source?: NotificationSource;
}
