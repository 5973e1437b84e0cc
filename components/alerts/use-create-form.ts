"use client";
import { useState } from "react";
import { useSWRConfig } from "swr";
import { describeError, sendJson } from "./send-json";

/** A form field's trimmed text; empty is absent (the API's optional fields want undefined, not ""). */
export function formText(f: FormData, name: string): string | undefined {
  return String(f.get(name) ?? "").trim() || undefined;
}

/**
 * The submit cycle of the /alerts "add" forms: POST the body built from the form to `key`, then
 * clear the form and refresh the list; an error envelope becomes the form's error line.
 */
export function useCreateForm(key: string, toBody: (f: FormData) => unknown) {
  const { mutate } = useSWRConfig();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    try {
      await sendJson("POST", key, toBody(new FormData(form)));
      form.reset();
      setError(null);
      await mutate(key);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return { error, busy, submit };
}
