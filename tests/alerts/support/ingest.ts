import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendToLog } from "@/lib/ingest/append-log";
import { projectAllPending } from "@/lib/projection/project-batch";
import { parseNotification } from "@/lib/notifications/parse";
import { swResult } from "../../fixtures/pushes";

/** Stores results for one task through the real ingest path (log, then projection): `fail` failures then `ok` successes. */
export async function storeResults(prisma: PrismaClient, operationId: string, fail: number, ok: number, code = "5") {
  const bodies = [
    ...Array.from({ length: fail }, () => swResult({ operationId, swUpgradeResult: "FAIL", errorCode: code })),
    ...Array.from({ length: ok }, () =>
      swResult({ operationId, swUpgradeResult: "SUCCESS", curVersion: "V1.2.0", errorCode: undefined }),
    ),
  ];
  const parsed = bodies.map((b) => {
    const p = parseNotification(new TextEncoder().encode(JSON.stringify(b)));
    if (p.type !== "notification") throw new Error("fixture did not parse");
    return p.notification;
  });
  await appendToLog(prisma, parsed);
  await projectAllPending(prisma);
}
