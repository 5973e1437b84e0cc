"use client";
import { useState } from "react";
import { ALERT_RULES_KEY } from "@/components/hooks/use-alert-rules";
import { RULE_KINDS, type ChannelView, type RuleKind } from "@/lib/schemas/alerts";
import { BUTTON, SelectField, TextField } from "./field";
import { formText, useCreateForm } from "./use-create-form";

// The numeric fields each kind uses (the API rejects missing required ones with a field message).
const FIELDS: Record<RuleKind, { name: string; label: string; step?: string }[]> = {
  failure_rate: [
    { name: "threshold", label: "Failure share ≥ (0–1)", step: "any" },
    { name: "minResults", label: "Once devices with a result ≥" },
  ],
  error_code: [
    { name: "minDevices", label: "Failed devices with the code ≥" },
    { name: "threshold", label: "or share of failures ≥ (0–1)", step: "any" },
  ],
  stale_devices: [
    { name: "minDevices", label: "Stale devices ≥" },
    { name: "minutes", label: "No event for (minutes)", step: "any" },
  ],
  callback_silence: [{ name: "minutes", label: "No push for (minutes)", step: "any" }],
  quarantine_spike: [
    { name: "minRequests", label: "Refused requests ≥" },
    { name: "minutes", label: "within (minutes)", step: "any" },
  ],
};
const TASK_KINDS: RuleKind[] = ["failure_rate", "error_code", "stale_devices"];

export function RuleForm({ channels }: { channels: ChannelView[] }) {
  const [kind, setKind] = useState<RuleKind>("failure_rate");
  const { error, busy, submit } = useCreateForm(ALERT_RULES_KEY, (f) => {
    const num = (k: string) => (formText(f, k) === undefined ? undefined : Number(formText(f, k)));
    const body: Record<string, unknown> = {
      name: formText(f, "name"),
      kind,
      channelIds: f.getAll("channelIds").map(Number),
    };
    for (const field of FIELDS[kind]) body[field.name] = num(field.name);
    if (kind === "error_code") body.errorCode = formText(f, "errorCode");
    if (TASK_KINDS.includes(kind)) {
      body.operationId = formText(f, "operationId");
      body.match = formText(f, "match");
    }
    return body;
  });

  return (
    <form onSubmit={submit} aria-label="New rule" className="flex flex-wrap items-end gap-2">
      <TextField label="Name" name="name" required />
      <SelectField
        label="Kind"
        name="kind"
        options={RULE_KINDS}
        value={kind}
        onChange={(v) => setKind(v as RuleKind)}
      />
      {FIELDS[kind].map((field) => (
        <TextField
          key={`${kind}-${field.name}`}
          label={field.label}
          name={field.name}
          type="number"
          step={field.step}
        />
      ))}
      {kind === "error_code" ? <TextField label="Error code (empty: any single code)" name="errorCode" /> : null}
      {TASK_KINDS.includes(kind) ? (
        <>
          <TextField label="Only task (operationId)" name="operationId" />
          <TextField label="or tasks containing" name="match" />
        </>
      ) : null}
      <fieldset className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
        <legend className="sr-only">Channels</legend>
        {channels.length === 0 ? <span>Add a channel first to be notified.</span> : null}
        {channels.map((c) => (
          <label key={c.id} className="flex items-center gap-1">
            <input type="checkbox" name="channelIds" value={c.id} /> {c.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" className={BUTTON} disabled={busy}>
        Add rule
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}
