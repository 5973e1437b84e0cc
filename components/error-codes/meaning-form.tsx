"use client";
import { useState } from "react";
import { EnumOptions } from "@/components/ui/enum-options";
import { CodeKindSchema } from "@/lib/schemas/error-codes";
import { Field, selectClass } from "@/components/ui/search-input";
import { control } from "@/components/ui/control";

/** Adds or overrides one meaning; the same code again replaces it. */
export function MeaningForm({
  onSave,
}: {
  onSave: (e: { kind: string; code: string; meaning: string }) => Promise<void>;
}) {
  const [kind, setKind] = useState("software");
  const [code, setCode] = useState("");
  const [meaning, setMeaning] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label="Add or override a meaning"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(ev) => {
        ev.preventDefault();
        setBusy(true);
        void onSave({ kind, code, meaning }).finally(() => {
          setBusy(false);
          setCode("");
          setMeaning("");
        });
      }}
    >
      <Field id="meaning-kind" label="Kind">
        <select id="meaning-kind" className={selectClass} value={kind} onChange={(e) => setKind(e.target.value)}>
          <EnumOptions values={CodeKindSchema.options} />
        </select>
      </Field>
      <Field id="meaning-code" label="Code">
        <input
          id="meaning-code"
          required
          maxLength={256}
          className={`${selectClass} w-28 font-mono`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </Field>
      <Field id="meaning-text" label="Meaning">
        <input
          id="meaning-text"
          required
          maxLength={500}
          className={`${selectClass} w-96`}
          value={meaning}
          onChange={(e) => setMeaning(e.target.value)}
        />
      </Field>
      <button type="submit" disabled={busy} className={control("primary", "medium")}>
        Save
      </button>
    </form>
  );
}
