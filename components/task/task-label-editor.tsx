"use client";
import { useState } from "react";
import { sendJson } from "@/components/alerts/send-json";
import { useAction } from "@/components/hooks/use-action";
import { control } from "@/components/ui/control";
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
  const { busy, error, run } = useAction();

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
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await sendJson("PUT", taskPath(operationId, "/label"), { label: value });
      setEditing(false);
      onSaved();
    });
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
      <button type="submit" disabled={busy} className={control("primary", "small")}>
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
