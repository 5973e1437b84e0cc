import { useState } from "react";
import { describeError } from "@/components/alerts/send-json";

/**
 * A form's write: `run(work)` marks it busy, clears the last error, and on failure keeps the error
 * envelope's "field: problem" line for the form to show. The one copy of that pattern.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
