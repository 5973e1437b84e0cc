"use client";
import { useSWRConfig } from "swr";
import { useAction } from "@/components/hooks/use-action";
import { sendJson } from "./send-json";

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
  const { busy, error, run } = useAction();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    await run(async () => {
      await sendJson("POST", key, toBody(new FormData(form)));
      form.reset();
      await mutate(key);
    });
  }

  return { error, busy, submit };
}
