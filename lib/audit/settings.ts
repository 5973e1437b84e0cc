import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestActor } from "./actor";
import { recordAuditEvent } from "./record";

export type SettingAction = "created" | "updated" | "deleted";

/**
 * Records a change to a setting stored in the app (an alert rule or channel, an error-code meaning):
 * who, from where, which setting (`target`, e.g. `alert_rule:7`) and what it is now. `state` must be
 * what the API answers for it, never the request body: channels answer without their URL and secret,
 * and those must not reach the trail either.
 */
export async function auditSettingChange(
  req: Request,
  target: string,
  action: SettingAction,
  state?: unknown,
): Promise<void> {
  const who = await requestActor(req);
  const details: Prisma.InputJsonObject = {
    action,
    ...(state === undefined ? {} : { state: JSON.parse(JSON.stringify(state)) as Prisma.InputJsonValue }),
  };
  await recordAuditEvent({
    kind: "setting_changed",
    actor: who.actor,
    clientIp: who.clientIp,
    method: who.method,
    target,
    details,
  });
}
