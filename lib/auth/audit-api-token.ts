import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { clientIp } from "./client-ip";

// A script polling every few seconds would fill the trail with one row per request: a token's use
// from an address is recorded once an hour per process; every refused token is recorded.
const SUCCESS_EVERY_MS = 3_600_000;
const slot = globalThis as typeof globalThis & { __umTokenSeen?: Map<string, number> };
const seen = (slot.__umTokenSeen ??= new Map<string, number>());

/** Audits an API token use: `tokenName` is the matching token's name, or null when it was refused. */
export async function auditApiToken(tokenName: string | null, headers: Headers): Promise<void> {
  const ip = clientIp(headers);
  if (tokenName === null) {
    await recordAuditEvent({ kind: "sign_in_failed", actor: null, clientIp: ip, method: "api_token" });
    return;
  }
  const key = `${tokenName}|${ip}`;
  const now = Date.now();
  if ((seen.get(key) ?? 0) > now - SUCCESS_EVERY_MS) return;
  if (seen.size > 10_000) seen.clear();
  seen.set(key, now);
  await recordAuditEvent({ kind: "sign_in_succeeded", actor: tokenName, clientIp: ip, method: "api_token" });
}
