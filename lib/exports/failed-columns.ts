// The failed-devices exports' columns, in order: one list for the CSV, the workbook and docs/api.md.
// `kind` decides how the workbook types a cell: identifiers, versions, codes and free text are text
// (Excel would otherwise turn `0012` into 12 and an IMEI into 8.68533E+14), times are date cells.

export type FailedColumnKind = "text" | "time" | "count";

export interface FailedColumn {
  name: string;
  kind: FailedColumnKind;
  /** Workbook column width in characters: wide enough for typical values, never the whole text. */
  width: number;
  /** One line for the workbook's "About" sheet (and the docs). */
  about: string;
}

export const FAILED_COLUMNS: readonly FailedColumn[] = [
  { name: "deviceId", kind: "text", width: 38, about: "The platform's device id." },
  { name: "appId", kind: "text", width: 30, about: "The application the device belongs to." },
  { name: "operationId", kind: "text", width: 34, about: "The upgrade task." },
  { name: "subOperationId", kind: "text", width: 34, about: "The device's sub-task in the upgrade task." },
  { name: "sourceVersion", kind: "text", width: 14, about: "Version before the upgrade." },
  { name: "targetVersion", kind: "text", width: 14, about: "Version the task upgrades to." },
  { name: "curVersion", kind: "text", width: 14, about: "Version the device reported with its latest result." },
  { name: "errorCode", kind: "text", width: 11, about: "Error code of the latest result (firmware: empty)." },
  {
    name: "errorCodeMeaning",
    kind: "text",
    width: 40,
    about:
      "What the code means, and where that meaning comes from (your dictionary, or the documented Huawei OTA / LwM2M meaning).",
  },
  { name: "description", kind: "text", width: 40, about: "The error's description as the device sent it." },
  { name: "resultDesc", kind: "text", width: 30, about: "Result description (firmware: statusDesc)." },
  {
    name: "upgradeTime",
    kind: "time",
    width: 24,
    about: "Time of the latest result, UTC; the raw value when it is not a time.",
  },
  { name: "receivedAt", kind: "time", width: 24, about: "When the latest result arrived here, UTC." },
  { name: "attempts", kind: "count", width: 10, about: "Upgrade attempts the device made in this task." },
  {
    name: "platformStatus",
    kind: "text",
    width: 14,
    about:
      "The device's sub-task status as the platform last reported it (WAIT, PROCESSING, SUCCESS, FAIL, STOP, TIMEOUT); empty when unknown.",
  },
  {
    name: "source",
    kind: "text",
    width: 10,
    about:
      "Where the device is known to be a target of the task: platform (its sub-tasks) or declared (an uploaded list); empty when it is on no list.",
  },
];

export const FAILED_COLUMN_NAMES: readonly string[] = FAILED_COLUMNS.map((c) => c.name);
