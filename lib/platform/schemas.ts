import { z } from "zod";
import { parseUpgradeTime } from "@/lib/notifications/upgrade-time";

// The platform's answers, read defensively (spec §4.1 and §7): unknown fields are ignored, numbers
// may arrive as strings, and a missing optional field is null, never a crash.

const text = z.union([z.string(), z.number()]).transform(String);
const optText = text.nullish().transform((v) => v ?? null);
const count = z
  .union([z.number(), z.string()])
  .transform((v) => Number(v))
  .pipe(z.number().int().min(0));
const optCount = count.nullish().transform((v) => v ?? null);

/** Login and refresh answer: accessToken, refreshToken, expiresIn (seconds). */
export const TokenAnswer = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullish(),
  expiresIn: count,
  tokenType: z.string().nullish(),
});
export type TokenAnswer = z.infer<typeof TokenAnswer>;

export const StaResult = z.object({
  total: optCount,
  wait: optCount,
  processing: optCount,
  success: optCount,
  fail: optCount,
  stop: optCount,
  timeout: optCount,
});

/** GET /iodm/northbound/v1.5.0/operations/{operationId} (QueryUpgradeTaskOutDTO). */
export const OperationAnswer = z.object({
  operationId: text,
  operateType: optText,
  status: optText,
  appId: optText,
  createTime: optText,
  startTime: optText,
  stopTime: optText,
  staResult: StaResult.nullish(),
});
export type OperationAnswer = z.infer<typeof OperationAnswer>;

/** One SubOperationInfo; the raw element is kept as the reconciled notification's body. */
export const SubOperation = z.object({
  subOperationId: optText,
  deviceId: text.pipe(z.string().min(1)),
  status: optText.transform((s) => (s === null ? null : s.toUpperCase())),
  operateType: optText,
  createTime: optText,
  startTime: optText,
  stopTime: optText,
  detailInfo: z.unknown().optional(),
  extendInfo: z.unknown().optional(),
});
export type SubOperation = z.infer<typeof SubOperation>;

/** A page of sub-operations: { data, pageNo, pageSize, totalCount }. Elements stay raw until read one by one. */
export const SubOperationPage = z.object({
  data: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
  pageNo: optCount,
  pageSize: optCount,
  totalCount: optCount,
});

/** GET /iodm/northbound/v1.5.0/operations: a page of tasks. */
export const OperationListPage = z.object({
  data: z
    .array(z.object({ operationId: text, status: optText, operateType: optText }).passthrough())
    .nullish()
    .transform((v) => v ?? []),
  pageNo: optCount,
  pageSize: optCount,
  totalCount: optCount,
});

/** The platform's times are UTC yyyyMMdd'T'HHmmss'Z'; anything unreadable is null. */
export function platformTime(raw: string | null): Date | null {
  return raw ? parseUpgradeTime(raw).at : null;
}

/** Task statuses after which the platform changes nothing (spec §7: failed, success, stop). */
export function isFinishedTask(status: string | null): boolean {
  return status !== null && ["success", "failed", "fail", "stop", "stopped", "timeout"].includes(status.toLowerCase());
}
