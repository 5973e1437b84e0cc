import type { PrismaClient } from "@/lib/generated/prisma/client";

// Leases in the database, judged by the database's clock so instances with skewed clocks agree.
// The platform keeps only the newest token valid (spec §4.1), so exactly one instance per app may
// log in: the holder of the connection lease. It renews the lease every few seconds; when it dies,
// another instance takes the row once lease_until has passed (PLATFORM_LEASE_SECONDS, default 30,
// so a passive instance takes over well within a minute).

/**
 * Takes or renews the connection lease for `appId`. Returns true when `instance` holds it now.
 * One statement: an insert for the first instance ever, otherwise an update that only succeeds for
 * the current holder or once the holder's lease has run out.
 */
export async function holdConnectionLease(
  prisma: PrismaClient,
  appId: string,
  instance: string,
  seconds: number,
): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ holder: string }[]>`
    INSERT INTO platform_connection AS c (app_id, holder, lease_until, updated_at)
    VALUES (${appId}, ${instance}, now() + make_interval(secs => ${seconds}::int), now())
    ON CONFLICT (app_id) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until, updated_at = now()
    WHERE c.holder = EXCLUDED.holder OR c.holder IS NULL OR c.lease_until IS NULL OR c.lease_until < now()
    RETURNING holder`;
  return rows.length === 1 && rows[0]!.holder === instance;
}

/** Gives the connection lease up at a clean stop, so another instance takes over at once. */
export async function releaseConnectionLease(prisma: PrismaClient, appId: string, instance: string): Promise<void> {
  await prisma.$executeRaw`UPDATE platform_connection SET holder = NULL, lease_until = NULL, updated_at = now()
    WHERE app_id = ${appId} AND holder = ${instance}`;
}

/** Records token times and the last login (never the token itself). */
export async function recordToken(
  prisma: PrismaClient,
  appId: string,
  issuedAt: Date,
  expiresAt: Date,
  kind: "login" | "refresh",
): Promise<void> {
  const login = kind === "login";
  await prisma.$executeRaw`UPDATE platform_connection SET token_issued_at = ${issuedAt}, token_expires_at = ${expiresAt},
    last_login_at = CASE WHEN ${login} THEN ${issuedAt} ELSE last_login_at END,
    logins = logins + CASE WHEN ${login} THEN 1 ELSE 0 END, updated_at = now()
    WHERE app_id = ${appId}`;
}

/** Records (or clears, with null) the connection's last error. */
export async function recordConnectionError(
  prisma: PrismaClient,
  appId: string,
  message: string | null,
): Promise<void> {
  if (message === null)
    await prisma.$executeRaw`UPDATE platform_connection SET last_error = NULL, updated_at = now() WHERE app_id = ${appId} AND last_error IS NOT NULL`;
  else
    await prisma.$executeRaw`UPDATE platform_connection SET last_error = ${message.slice(0, 1000)}, last_error_at = now(), updated_at = now() WHERE app_id = ${appId}`;
}

/**
 * Takes or extends the sync lease of one task, so two instances never sync the same task at once
 * (even around a change of connection holder). False when another instance's lease is still running.
 */
export async function holdTaskLease(
  prisma: PrismaClient,
  operationId: string,
  instance: string,
  seconds: number,
): Promise<boolean> {
  const n = await prisma.$executeRaw`UPDATE platform_tasks SET lease_owner = ${instance},
    lease_until = now() + make_interval(secs => ${seconds}::int)
    WHERE operation_id = ${operationId} AND (lease_owner IS NULL OR lease_owner = ${instance} OR lease_until IS NULL OR lease_until < now())`;
  return n === 1;
}

export async function releaseTaskLease(prisma: PrismaClient, operationId: string, instance: string): Promise<void> {
  await prisma.$executeRaw`UPDATE platform_tasks SET lease_owner = NULL, lease_until = NULL WHERE operation_id = ${operationId} AND lease_owner = ${instance}`;
}
