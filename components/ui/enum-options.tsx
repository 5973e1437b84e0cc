import type { DeviceListState } from "@/lib/schemas/devices";
import type { TaskOutcomeFilter } from "@/lib/schemas/tasks";

// Filter <option>s come from the value lists the schemas export (TASK_OUTCOMES, DEVICE_OUTCOMES, …),
// so a value added to a schema cannot be missing from its select: `labels` must name every value.

export const TASK_OUTCOME_LABELS: Record<TaskOutcomeFilter, string> = {
  has_failures: "Has failures",
  all_succeeded: "All succeeded",
  in_progress: "In progress",
};

export const DEVICE_OUTCOME_LABELS: Record<DeviceListState, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  in_progress: "In progress",
  stale: "Stale (in progress, no event)",
  pending: "Pending (expected, never reported)",
};

/** One `<option>` per value, in the list's order; without `labels` the value is its own label. */
export function EnumOptions<V extends string>({
  values,
  labels,
}: {
  values: readonly V[];
  labels?: Record<V, string>;
}) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels ? labels[v] : v}
        </option>
      ))}
    </>
  );
}
