// Result codes the documentation defines (docs/push-contract.md#result-codes). Pure: shown next to a
// code wherever codes appear, marked as the documented meaning, unless an operator overrides it.

export type CodeKind = "software" | "firmware";
export type MeaningSource = "operator" | "huawei_ota" | "lwm2m";

export interface CodeMeaning {
  text: string;
  source: MeaningSource;
}

/**
 * Huawei's documented device OTA result codes (IoTDA `result_code`,
 * docs/push-contract.md#iotda-ota-result-codes): software upgrades.
 */
export const HUAWEI_OTA_CODES: Readonly<Record<string, string>> = {
  "0": "success",
  "1": "device in use",
  "2": "poor signal",
  "3": "already the latest version",
  "4": "low battery",
  "5": "insufficient storage space",
  "6": "download timeout",
  "7": "package verification failed",
  "8": "unsupported package type",
  "9": "insufficient memory",
  "10": "package installation failed",
  "255": "internal exception",
};

/**
 * LwM2M Firmware Update object 5, resource 5 "Update Result" (docs/push-contract.md#lwm2m-update-result):
 * firmware upgrades.
 */
export const LWM2M_UPDATE_RESULTS: Readonly<Record<string, string>> = {
  "0": "initial value (download or update starting)",
  "1": "firmware updated successfully",
  "2": "not enough flash memory for the new package",
  "3": "out of RAM during download",
  "4": "connection lost during download",
  "5": "integrity check failure for the downloaded package",
  "6": "unsupported package type",
  "7": "invalid URI",
  "8": "firmware update failed",
  "9": "unsupported protocol",
  "10": "firmware update cancelled",
  "11": "firmware update deferred",
};

const SOURCE_LABEL: Record<MeaningSource, string> = {
  operator: "set by an operator",
  huawei_ota: "documented meaning (Huawei OTA result code)",
  lwm2m: "documented meaning (LwM2M update result)",
};

/**
 * A code as devices send it: "05" and " 5" are the code 5; anything non-numeric is looked up as is.
 * Leading zeros are dropped as text, not through Number(), which would round a code beyond 2^53.
 */
export function normaliseCode(code: string): string {
  const t = code.trim();
  return /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, "") : t;
}

/** Software codes are Huawei's OTA list; firmware results carry statusDesc, which may be an LwM2M result. */
export function documentedMeaning(kind: CodeKind, code: string): CodeMeaning | null {
  const c = normaliseCode(code);
  if (kind === "software")
    return Object.hasOwn(HUAWEI_OTA_CODES, c) ? { text: HUAWEI_OTA_CODES[c]!, source: "huawei_ota" } : null;
  return Object.hasOwn(LWM2M_UPDATE_RESULTS, c) ? { text: LWM2M_UPDATE_RESULTS[c]!, source: "lwm2m" } : null;
}

/** Operator entries (kind, code) → meaning, which override the documented ones. */
export type OperatorMeanings = ReadonlyMap<string, string>;
export const operatorKey = (kind: CodeKind, code: string) => `${kind}\u0000${normaliseCode(code)}`;

export function meaningOf(operator: OperatorMeanings, kind: string, code: string | null): CodeMeaning | null {
  if (code === null) return null;
  const k: CodeKind = kind === "firmware" ? "firmware" : "software";
  const own = operator.get(operatorKey(k, code));
  return own !== undefined ? { text: own, source: "operator" } : documentedMeaning(k, code);
}

/** "poor signal (documented meaning (Huawei OTA result code))": one cell of an export. */
export function meaningCell(m: CodeMeaning | null): string | null {
  return m ? `${m.text} (${SOURCE_LABEL[m.source]})` : null;
}
