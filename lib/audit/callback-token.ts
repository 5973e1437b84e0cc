import "server-only";
import { recordAuditEvent } from "./record";

// Someone hammering the callback with wrong tokens must not grow the trail by one row per request:
// one event per address per minute, carrying how many refusals it stands for.
const WINDOW_MS = 60_000;
const slot = globalThis as typeof globalThis & { __umTokenRefusals?: Map<string, { since: number; count: number }> };
const refusals = (slot.__umTokenRefusals ??= new Map());

/** Audits a push refused for a missing or wrong CALLBACK_TOKEN (never the token given). */
export function auditRefusedCallbackToken(headers: { get(name: string): string | null }): void {
  const ip = headers.get("x-forwarded-for")?.split(",").pop()?.trim() || "unknown";
  const now = Date.now();
  const seen = refusals.get(ip);
  if (seen && seen.since > now - WINDOW_MS) {
    seen.count++;
    return;
  }
  if (refusals.size > 10_000) refusals.clear();
  const previous = seen?.count ?? 0;
  refusals.set(ip, { since: now, count: 1 });
  void recordAuditEvent({
    kind: "callback_token_refused",
    clientIp: ip,
    target: "/api/callback",
    details: { refusedSinceLastEvent: previous + 1 },
  });
}
