import "server-only";

/**
 * Sessions are encrypted cookies (Auth.js JWT strategy: credentials sign-in has no database
 * sessions). Sign-out deletes the cookie; this list also refuses a copy of it replayed afterwards,
 * until it would have expired anyway. Kept in memory: per process, forgotten at restart.
 */
const slot = globalThis as typeof globalThis & { __umRevokedSessions?: Map<string, number> };
const revoked = (slot.__umRevokedSessions ??= new Map<string, number>());

export function revokeSession(sessionId: string, expiresAtSeconds: number): void {
  const now = Date.now();
  for (const [id, until] of revoked) if (until <= now) revoked.delete(id);
  revoked.set(sessionId, expiresAtSeconds * 1000);
}

export function isSessionRevoked(sessionId: string): boolean {
  const until = revoked.get(sessionId);
  return until !== undefined && until > Date.now();
}
