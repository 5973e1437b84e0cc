import "server-only";
import { getDb } from "@/lib/db";

/**
 * Sessions are encrypted cookies (Auth.js JWT strategy: credentials sign-in has no database
 * sessions). Sign-out deletes the cookie; this table also refuses a copy of it replayed afterwards,
 * on every instance and across restarts, until the cookie would have expired anyway.
 */
export async function revokeSession(sessionId: string, expiresAtSeconds: number): Promise<void> {
  const { prisma } = await getDb();
  const expiresAt = new Date(expiresAtSeconds * 1000);
  await prisma.revokedSession.upsert({ where: { sessionId }, create: { sessionId, expiresAt }, update: { expiresAt } });
}

/**
 * True when the session was signed out. When the database cannot answer, the session is kept: a
 * null from the jwt callback would delete every operator's cookie on a database blip, and while the
 * database is down every data read fails anyway, so a replayed cookie gains nothing.
 */
export async function isSessionRevoked(sessionId: string): Promise<boolean> {
  try {
    const { prisma } = await getDb();
    const row = await prisma.revokedSession.findUnique({ where: { sessionId }, select: { expiresAt: true } });
    return row !== null && row.expiresAt.getTime() > Date.now();
  } catch (err) {
    console.error(
      `[auth] revocation check failed (database unavailable): ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    );
    return false;
  }
}

/** Drops revocations whose cookies have expired on their own (run with the retention job). */
export async function pruneRevokedSessions(now = new Date()): Promise<number> {
  const { prisma } = await getDb();
  return (await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
