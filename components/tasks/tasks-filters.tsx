"use client";
import { Field, SearchInput, selectClass } from "@/components/ui/search-input";
import { EnumOptions, TASK_OUTCOME_LABELS } from "@/components/ui/enum-options";
import { TASK_OUTCOMES, type TaskListQuery } from "@/lib/schemas/tasks";
import { control } from "@/components/ui/control";

type Patch = Record<string, string | undefined>;

const PRESETS = [
  { label: "Last hour", ms: 3_600_000 },
  { label: "Last 24 h", ms: 86_400_000 },
  { label: "Last 7 days", ms: 7 * 86_400_000 },
] as const;

/** Task-list filters; every change resets paging (cursor) and lives in the URL. */
export function TasksFilters({ query, onChange }: { query: TaskListQuery; onChange: (patch: Patch) => void }) {
  const set = (patch: Patch) => onChange({ ...patch, cursor: undefined });
  const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : "");
  return (
    <form
      role="search"
      aria-label="Filter tasks"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <SearchInput
        id="filter-operation"
        label="operationId or label contains"
        value={query.operationId}
        onChange={(v) => set({ operationId: v })}
        placeholder="e.g. a41e9c07"
      />
      <Field id="filter-outcome" label="Outcome">
        <select
          id="filter-outcome"
          className={selectClass}
          value={query.outcome ?? ""}
          onChange={(e) => set({ outcome: e.target.value })}
        >
          <option value="">All tasks</option>
          <EnumOptions values={TASK_OUTCOMES} labels={TASK_OUTCOME_LABELS} />
        </select>
      </Field>
      <Field id="filter-from" label="Active from (UTC day)">
        <input
          id="filter-from"
          type="date"
          className={selectClass}
          value={day(query.from)}
          onChange={(e) => set({ from: e.target.value })}
        />
      </Field>
      <Field id="filter-to" label="Active until (UTC day)">
        <input
          id="filter-to"
          type="date"
          className={selectClass}
          value={day(query.to)}
          onChange={(e) => set({ to: e.target.value })}
        />
      </Field>
      <div className="flex flex-wrap gap-1" role="group" aria-label="Time range presets">
        {PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            className={control("secondary", "small")}
            onClick={() => set({ from: new Date(Date.now() - p.ms).toISOString(), to: undefined })}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          className={control("secondary", "small")}
          onClick={() => set({ operationId: undefined, outcome: undefined, from: undefined, to: undefined })}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
