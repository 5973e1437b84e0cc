// Which devices each export holds, in words: shown next to the buttons, in the workbook's "About"
// sheet and in docs/api.md. Client-safe (no server imports): the UI shows the same sentences.

/** failed.csv / failed.xlsx: every device whose latest result is FAIL, restarted or not. */
export const FAILED_SELECTION =
  "Devices whose latest result in the task is FAIL, including those that have since started a new attempt, with the filters shown.";

/**
 * retry.txt: the devices to put in a retry task. Today: latest result FAIL and no new attempt started
 * since (outcome "failed"); a device already downloading again is being retried and is left out.
 * Its one SQL definition is `retryCandidates()` in lib/exports/retry-list.ts.
 */
export const RETRY_SELECTION =
  "Devices whose latest outcome is failed: the latest result is FAIL and no new attempt has started since (devices already retrying are left out), with the filters shown.";
