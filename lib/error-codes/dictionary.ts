import "server-only";
import { getDb } from "@/lib/db";
import type { ErrorCodeEntry, ErrorCodeDictionary } from "@/lib/schemas/error-codes";
import {
  HUAWEI_OTA_CODES,
  LWM2M_UPDATE_RESULTS,
  normaliseCode,
  operatorKey,
  type CodeKind,
  type OperatorMeanings,
} from "./documented";

/** The operators' entries as a lookup for meaningOf(); a small table, read once per request. */
export async function loadOperatorMeanings(): Promise<OperatorMeanings> {
  const { prisma } = await getDb();
  const rows = await prisma.errorCodeMeaning.findMany({ select: { kind: true, code: true, meaning: true } });
  return new Map(rows.map((r) => [operatorKey(r.kind as CodeKind, r.code), r.meaning]));
}

/** Everything the /error-codes page shows: the documented lists and the operators' entries. */
export async function getErrorCodeDictionary(): Promise<ErrorCodeDictionary> {
  const { prisma } = await getDb();
  const rows = await prisma.errorCodeMeaning.findMany({ orderBy: [{ kind: "asc" }, { code: "asc" }] });
  const documented = (kind: CodeKind, list: Readonly<Record<string, string>>, source: "huawei_ota" | "lwm2m") =>
    Object.entries(list).map(([code, text]) => ({ kind, code, meaning: text, source }));
  return {
    documented: [
      ...documented("software", HUAWEI_OTA_CODES, "huawei_ota"),
      ...documented("firmware", LWM2M_UPDATE_RESULTS, "lwm2m"),
    ],
    operator: rows.map((r) => ({
      kind: r.kind as CodeKind,
      code: r.code,
      meaning: r.meaning,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      updatedBy: r.updatedBy,
    })),
  };
}

/** Adds or replaces an operator's meaning; `by` is who did it (kept on the row). */
export async function saveErrorCodeMeaning(
  e: { kind: CodeKind; code: string; meaning: string },
  by: string,
): Promise<ErrorCodeEntry> {
  const { prisma } = await getDb();
  const code = normaliseCode(e.code);
  const now = new Date();
  const r = await prisma.errorCodeMeaning.upsert({
    where: { kind_code: { kind: e.kind, code } },
    create: { kind: e.kind, code, meaning: e.meaning, createdAt: now, updatedAt: now, updatedBy: by },
    update: { meaning: e.meaning, updatedAt: now, updatedBy: by },
  });
  return {
    kind: r.kind as CodeKind,
    code: r.code,
    meaning: r.meaning,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  };
}

/** Removes an operator's entry (the documented meaning, if any, shows again). False when there was none. */
export async function deleteErrorCodeMeaning(kind: CodeKind, code: string): Promise<boolean> {
  const { prisma } = await getDb();
  const { count } = await prisma.errorCodeMeaning.deleteMany({ where: { kind, code: normaliseCode(code) } });
  return count > 0;
}
