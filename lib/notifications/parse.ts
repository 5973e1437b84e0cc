import { z } from "zod";
import { canonicalJson, TooDeepError } from "./canonical";
import { createHash } from "node:crypto";
import {
  NOTIFY_TYPES,
  type FieldProblem,
  type Kind,
  type NotifyType,
  type ParsedNotification,
  type Result,
} from "./types";
import { isExactNumber, parseExact } from "./exact-json";
import { parseUpgradeTime } from "./upgrade-time";

/** Why a body was refused; the HTTP layer maps `code` to a status through its one table. */
export interface ParseFailure {
  code: "invalid_encoding" | "invalid_json" | "invalid_notification";
  message: string;
  details: FieldProblem[];
}

export type ParseOutcome =
  | { type: "notification"; notification: ParsedNotification }
  | { type: "ignored"; notifyType: string }
  | { type: "refused"; failure: ParseFailure };

/** Identifiers are indexed; btree entries have a size cap and nobody's IDs are this long. */
export const MAX_ID_LENGTH = 256;
/** Longer indexed text (versions, error codes) is truncated with a warning; the raw body keeps it whole. */
const MAX_INDEXED_LENGTH = 256;
const MAX_NOTIFY_TYPE_LENGTH = 128;

// "is required" reads better in an error body than zod's generic type message.
const str = () => z.string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") });
// PostgreSQL text cannot hold U+0000; JSON can (as \u0000), so it is refused in IDs and replaced in text.
const NUL = /\u0000/g;
const id = str()
  .trim()
  .min(1, "must be a non-empty string")
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");
const resultValue = str()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(["SUCCESS", "FAIL"], { error: 'must be "SUCCESS" or "FAIL"' }));

const Required = z.object({ deviceId: id, operationId: id });
const RequiredSwResult = Required.extend({ swUpgradeResult: resultValue });
const RequiredFwResult = Required.extend({ status: resultValue });

const KINDS: Record<NotifyType, { kind: Kind; required: z.ZodType }> = {
  swUpgradeResultNotify: { kind: "software", required: RequiredSwResult },
  fwUpgradeResultNotify: { kind: "firmware", required: RequiredFwResult },
  swUpgradeStateChangeNotify: { kind: "software", required: Required },
  fwUpgradeStateChangeNotify: { kind: "firmware", required: Required },
};

// LwM2M /5/0/3 names, which Huawei's step values mirror (docs/push-contract.md#firmware-state).
const FW_STEPS: Record<string, string> = { "0": "idle", "1": "downloading", "2": "downloaded", "3": "updating" };

const refused = (code: ParseFailure["code"], message: string, details: FieldProblem[] = []): ParseOutcome => ({
  type: "refused",
  failure: { code, message, details },
});

/** Decodes, validates and normalises one push. Never throws: every input maps to one outcome. */
export function parseNotification(bytes: Uint8Array): ParseOutcome {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refused("invalid_encoding", "Body is not valid UTF-8.", [{ field: "(body)", problem: "invalid UTF-8" }]);
  }
  let body: unknown;
  try {
    // Numbers keep their exact digits (an errorCode of 12345678901234567891 stays that, not ...7000).
    body = parseExact(text);
  } catch (err) {
    const problem = err instanceof Error ? err.message : "unparseable";
    return refused("invalid_json", "Body is not valid JSON.", [{ field: "(body)", problem }]);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    const got = body === null ? "null" : Array.isArray(body) ? "an array" : `a ${typeof body}`;
    return refused("invalid_notification", "Body must be a JSON object.", [{ field: "(body)", problem: `got ${got}` }]);
  }
  const obj = body as Record<string, unknown>;
  let canonical: string;
  try {
    canonical = canonicalJson(obj);
  } catch (err) {
    if (!(err instanceof TooDeepError)) throw err;
    return refused("invalid_notification", "Body is nested too deeply.", [{ field: "(body)", problem: err.message }]);
  }
  const notifyType = own(obj, "notifyType");
  if (typeof notifyType !== "string" || notifyType.trim() === "") {
    return refused("invalid_notification", "notifyType is required.", [
      { field: "notifyType", problem: notifyType === undefined ? "is required" : "must be a non-empty string" },
    ]);
  }
  if (!(NOTIFY_TYPES as readonly string[]).includes(notifyType)) {
    return { type: "ignored", notifyType: notifyType.replace(NUL, "\uFFFD").slice(0, MAX_NOTIFY_TYPE_LENGTH) };
  }
  const type = notifyType as NotifyType;
  const { kind, required } = KINDS[type];
  const checked = required.safeParse(pickOwn(obj, ["deviceId", "operationId", "swUpgradeResult", "status"]));
  if (!checked.success) {
    const details = checked.error.issues.map((i) => ({ field: i.path.join(".") || "(body)", problem: i.message }));
    return refused("invalid_notification", `Not a valid ${type}.`, details);
  }
  const core = checked.data as { deviceId: string; operationId: string; swUpgradeResult?: Result; status?: Result };
  const fields = new FieldReader(obj);
  const n: ParsedNotification = {
    notifyType: type,
    kind,
    event: type.endsWith("ResultNotify") ? "result" : "state",
    deviceId: core.deviceId,
    operationId: core.operationId,
    appId: fields.id("appId"),
    subOperationId: fields.id("subOperationId"),
    result: core.swUpgradeResult ?? core.status ?? null,
    state: null,
    step: null,
    sourceVersion: null,
    targetVersion: null,
    curVersion: null,
    errorCode: null,
    description: null,
    resultDesc: null,
    upgradeTimeRaw: null,
    upgradeAt: null,
    warnings: fields.warnings,
    rawBody: text,
    contentHash: createHash("sha256").update(canonical).digest("hex"),
  };
  if (n.event === "result") {
    n.sourceVersion = fields.indexed("sourceVersion");
    n.targetVersion = fields.indexed("targetVersion");
    n.curVersion = fields.indexed("curVersion");
    const time = fields.time("upgradeTime");
    n.upgradeTimeRaw = time.raw;
    n.upgradeAt = time.at;
  }
  if (type === "swUpgradeResultNotify") {
    n.errorCode = fields.indexed("errorCode", { optional: true });
    n.description = fields.text("description", { optional: true });
    n.resultDesc = fields.text("resultDesc", { optional: true });
  } else if (type === "fwUpgradeResultNotify") {
    n.resultDesc = fields.text("statusDesc", { optional: true });
  } else if (type === "swUpgradeStateChangeNotify") {
    n.state = fields.indexed("swUpgradeState");
  } else {
    n.step = fields.indexed("step");
    const stepDesc = fields.text("stepDesc", { optional: true });
    n.state = (n.step !== null ? FW_STEPS[n.step] : undefined) ?? stepDesc;
    if (n.step !== null && !(n.step in FW_STEPS)) fields.warn("step", 'expected "0", "1", "2" or "3"');
  }
  return { type: "notification", notification: n };
}

/** Reads documented, non-required fields leniently: a bad value becomes a warning, never a refusal. */
class FieldReader {
  readonly warnings: FieldProblem[] = [];
  constructor(private readonly obj: Record<string, unknown>) {}

  warn(field: string, problem: string): void {
    this.warnings.push({ field, problem });
  }

  /** Free text (docs/push-contract.md#free-text: may be empty, so empty is simply absent). */
  text(field: string, opts: { optional?: boolean } = {}): string | null {
    const v = own(this.obj, field);
    if (v === undefined || v === null) {
      if (!opts.optional) this.warn(field, "missing");
      return null;
    }
    if (typeof v === "string") {
      if (v === "") return null;
      if (!v.includes("\u0000")) return v;
      this.warn(field, "contains NUL characters (replaced with U+FFFD; the raw body keeps them)");
      return v.replace(NUL, "\uFFFD");
    }
    if (isExactNumber(v)) {
      this.warn(field, "expected a string, got number (stored as text exactly as sent)");
      return v.value;
    }
    if (typeof v === "boolean" || typeof v === "number") {
      this.warn(field, `expected a string, got ${typeof v} (stored as text)`);
      return String(v);
    }
    this.warn(field, `expected a string, got ${Array.isArray(v) ? "an array" : "an object"} (ignored)`);
    return null;
  }

  /** Text we index and group by: capped in length. */
  indexed(field: string, opts: { optional?: boolean } = {}): string | null {
    const v = this.text(field, opts);
    if (v !== null && v.length > MAX_INDEXED_LENGTH) {
      this.warn(field, `longer than ${MAX_INDEXED_LENGTH} characters (truncated; the raw body keeps it whole)`);
      return v.slice(0, MAX_INDEXED_LENGTH);
    }
    return v;
  }

  id(field: string): string | null {
    const v = this.indexed(field);
    return v === null ? null : v.trim() || null;
  }

  time(field: string): { raw: string | null; at: Date | null } {
    const v = own(this.obj, field);
    // One CN revision of the spec types upgradeTime as a long: a number is no warning.
    if (isExactNumber(v)) return parseUpgradeTime(v.value);
    if (typeof v === "string" && v.trim() !== "") {
      if (v.length > MAX_INDEXED_LENGTH) {
        this.warn(field, `longer than ${MAX_INDEXED_LENGTH} characters (ignored)`);
        return { raw: null, at: null };
      }
      const parsed = parseUpgradeTime(v.replace(NUL, "\uFFFD"));
      if (parsed.problem) this.warn(field, parsed.problem);
      return parsed;
    }
    this.warn(
      field,
      v === undefined || v === null || v === ""
        ? "missing"
        : `expected a string or number, got ${Array.isArray(v) ? "an array" : typeof v}`,
    );
    return { raw: null, at: null };
  }
}

// Only own properties count: a body's "__proto__" or "constructor" key is data, never inherited behaviour.
function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function pickOwn(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(obj, k)) out[k] = obj[k];
  return out;
}
