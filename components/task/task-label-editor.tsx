"use client";
import { useState } from "react";
import { describeError, sendJson } from "@/components/alerts/send-json";
import { taskPath } from "@/lib/schemas/api-url";
import { MAX_TASK_LABEL_LENGTH } from "@/lib/schemas/targets";

/** The task's label with an inline editor (PUT /api/tasks/{operationId}/label; empty removes it). */
export function TaskLabelEditor({
  operationId,
  label,
  onSaved,
}: {
  operationId: string;
  label: string | null;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(label ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!editing) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {label ? (
          <span className="font-semibold text-slate-900" data-testid="task-label">
            {label}
          </span>
        ) : (
          <span className="text-slate-600">No label</span>
        )}
        <button
          type="button"
          className="text-blue-700 underline-offset-2 hover:underline"
          onClick={() => {
            setValue(label ?? "");
            setEditing(true);
          }}
        >
          {label ? "Edit label" : "Add a label"}
        </button>
      </p>
    );
  }
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendJson("PUT", taskPath(operationId, "/label"), { label: value });
      setEditing(false);
      onSaved();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="flex flex-wrap items-center gap-2 text-sm" onSubmit={save} aria-label="Task label">
      <label htmlFor="task-label-input" className="text-slate-700">
        Label
      </label>
      <input
        id="task-label-input"
        className="w-72 rounded border border-slate-300 px-2 py-1"
        value={value}
        maxLength={MAX_TASK_LABEL_LENGTH}
        onChange={(e) => setValue(e.target.value)}
        placeholder="e.g. Spring rollout, north meters"
      />
      <button type="submit" disabled={busy} className="rounded bg-blue-700 px-2 py-1 text-white disabled:opacity-50">
        Save label
      </button>
      <button type="button" className="text-slate-700 hover:underline" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <span className="text-xs text-slate-600">empty removes it · at most {MAX_TASK_LABEL_LENGTH} characters</span>
      {error ? (
        <span role="alert" className="w-full text-red-800">
          {error}
        </span>
      ) : null}
    </form>
  );
}
