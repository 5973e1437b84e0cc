import { z } from "zod";

// Alert rules and channels as the API accepts and returns them. Pure zod: shared by the routes, the
// /alerts forms and the hooks.

export const RULE_KINDS = [
  "failure_rate",
  "error_code",
  "stale_devices",
  "callback_silence",
  "quarantine_spike",
] as const;
export const CHANNEL_TYPES = ["webhook", "slack", "teams", "dingtalk", "wecom", "feishu", "email"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const name = z.string().trim().min(1).max(200);
const scopeText = z.string().trim().min(1).max(256).nullish();
const count = z.number().int("must be a whole number").min(1).max(10_000_000);
const minutes = z
  .number()
  .gt(0, "must be more than 0")
  .max(7 * 24 * 60);
// Channel ids are PostgreSQL `int`s: a larger number cannot name a channel (and would overflow the query).
const channelIds = z.array(z.number().int().min(1).max(2_147_483_647, "no such channel")).max(50).default([]);

/** Every field a rule can carry; which are required depends on the kind (checked below). */
export const RuleInputSchema = z
  .object({
    name,
    kind: z.enum(RULE_KINDS),
    enabled: z.boolean().default(true),
    operationId: scopeText,
    match: scopeText,
    threshold: z.number().min(0).max(1).nullish(),
    minResults: count.nullish(),
    minDevices: count.nullish(),
    minRequests: count.nullish(),
    errorCode: z.string().trim().min(1).max(256).nullish(),
    minutes: minutes.nullish(),
    channelIds,
  })
  .strict()
  .superRefine((r, ctx) => {
    const need = (field: keyof typeof r, why: string) => {
      if (r[field] === undefined || r[field] === null) ctx.addIssue({ code: "custom", path: [field], message: why });
    };
    if (r.kind === "failure_rate") need("threshold", "is required for failure_rate (a share from 0 to 1)");
    if (r.kind === "error_code" && r.minDevices == null && r.threshold == null) {
      ctx.addIssue({
        code: "custom",
        path: ["minDevices"],
        message: "error_code needs minDevices, threshold (share of failures) or both",
      });
    }
    if (r.kind === "stale_devices") {
      need("minDevices", "is required for stale_devices");
      need("minutes", "is required for stale_devices");
    }
    if (r.kind === "callback_silence") need("minutes", "is required for callback_silence");
    if (r.kind === "quarantine_spike") {
      need("minRequests", "is required for quarantine_spike");
      need("minutes", "is required for quarantine_spike");
    }
    // One stored count serves both fields; the one the kind does not use is refused rather than stored in its place.
    if (r.kind === "quarantine_spike" && r.minDevices != null)
      ctx.addIssue({
        code: "custom",
        path: ["minDevices"],
        message: "quarantine_spike counts requests: use minRequests",
      });
    if (r.kind !== "quarantine_spike" && r.minRequests != null)
      ctx.addIssue({ code: "custom", path: ["minRequests"], message: "only quarantine_spike uses minRequests" });
    if (r.operationId && r.match)
      ctx.addIssue({ code: "custom", path: ["match"], message: "use operationId or match, not both" });
  });
export type RuleInput = z.output<typeof RuleInputSchema>;

const url = z
  .string()
  .trim()
  .url()
  .max(2048)
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL")
  // fetch refuses such URLs at send time, which would only surface as retries for hours.
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), "must not carry a user name or password");
const email = z.string().trim().email().max(320);

export const ChannelInputSchema = z
  .object({
    name,
    type: z.enum(CHANNEL_TYPES),
    url: url.nullish(),
    secret: z.string().min(1).max(1024).nullish(),
    recipients: z.array(email).max(50).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.type === "email" && c.recipients.length === 0)
      ctx.addIssue({ code: "custom", path: ["recipients"], message: "an email channel needs at least one recipient" });
    if (c.type !== "email" && !c.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: `a ${c.type} channel needs a url` });
    if (c.type === "webhook" && !c.secret)
      ctx.addIssue({ code: "custom", path: ["secret"], message: "a webhook channel needs a signing secret" });
  });
export type ChannelInput = z.output<typeof ChannelInputSchema>;

/** A channel as the API shows it: the secret and the URL (whose query or path often holds a token) stay hidden. */
export interface ChannelView {
  id: number;
  name: string;
  type: ChannelType;
  urlHint: string | null;
  recipients: string[];
  hasSecret: boolean;
  createdAt: string;
}

export interface RuleView {
  id: number;
  name: string;
  kind: RuleKind;
  enabled: boolean;
  operationId: string | null;
  match: string | null;
  threshold: number | null;
  minResults: number | null;
  minDevices: number | null;
  minRequests: number | null;
  errorCode: string | null;
  minutes: number | null;
  channelIds: number[];
  createdAt: string;
}

export interface DeliveryView {
  id: number;
  channelId: number;
  event: "alert.fired" | "alert.resolved";
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastAnswer: string | null;
  nextAttemptAt: string;
  finishedAt: string | null;
}

export interface FiringView {
  id: number;
  ruleId: number;
  ruleName: string;
  kind: RuleKind;
  operationId: string | null;
  figures: Record<string, unknown>;
  firedAt: string;
  resolvedAt: string | null;
  resolvedFigures: Record<string, unknown> | null;
  deliveries: DeliveryView[];
}

export interface SendTestResult {
  ok: boolean;
  status: number | null;
  answer: string;
}
