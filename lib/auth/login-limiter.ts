import "server-only";
import { getDb } from "@/lib/db";

/**
 * Sign-in attempts, limited so that guessing is slow but nobody can lock an operator out.
 * (OWASP Authentication Cheat Sheet: throttle per account *and* source, prefer delays to lockouts.)
 *
 * - Per user name + client address: 5 free attempts, then each further attempt must wait for an
 *   exponentially growing delay (AUTH_LOGIN_BACKOFF_SECONDS, default 30 s, then twice that, … capped at
 *   15 min). Guesses from an attacker's
 *   addresses never slow the owner signing in from theirs.
 * - Per client address, whatever the name (password spraying): 20 free, then the same back-off.
 *
 * An attempt is *reserved* before the password is checked, in one INSERT … ON CONFLICT statement that
 * counts it only if its key is not waiting: parallel guesses queue on the row lock, each sees the
 * previous count, so 60 guesses at once get exactly the free attempts and no more. The counters live
 * in the database, so every instance shares them and a restart forgets nothing. A success clears the
 * name + address counter (not the address one: one good password must not unlock spraying).
 * rate-limiter-flexible's PostgreSQL store needs a `pg` pool, which the embedded PGlite does not have;
 * this one statement runs on both.
 */
export const LOGIN_LIMITS = {
  perUserAddress: { free: 5 },
  perAddress: { free: 20 },
  firstDelaySeconds: backoffSeconds(),
  maxDelaySeconds: 15 * 60,
  /** A key untouched this long starts again from zero. */
  forgetAfterSeconds: 24 * 3600,
} as const;

function backoffSeconds(): number {
  const n = Number(process.env.AUTH_LOGIN_BACKOFF_SECONDS || 30);
  return Number.isFinite(n) && n >= 1 && n <= 900 ? n : 30;
}

const userKey = (user: string, ip: string) => `u:${user.trim().toLowerCase()}|${ip}`;
const ipKey = (ip: string) => `a:${ip}`;

/**
 * Counts one attempt on a key unless the key must still wait; returns the seconds to wait (0 = the
 * attempt is counted and may go ahead). If the count cannot be taken (database down or overloaded),
 * the attempt is refused as slowed: a password is never checked uncounted.
 */
async function reserve(key: string, free: number): Promise<number> {
  try {
    return await reserveOrThrow(key, free);
  } catch (err) {
    console.error(
      `[auth] login limit unavailable, attempt refused: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    );
    return LOGIN_LIMITS.firstDelaySeconds;
  }
}

async function reserveOrThrow(key: string, free: number): Promise<number> {
  const { prisma } = await getDb();
  const { firstDelaySeconds: first, maxDelaySeconds: max, forgetAfterSeconds: forget } = LOGIN_LIMITS;
  // After attempt n (n ≥ free) the next one waits first * 2^(n - free) seconds, capped at max.
  const rows = await prisma.$queryRaw<{ attempts: number }[]>`
    INSERT INTO login_throttle AS t (key, attempts, next_at, updated_at)
    VALUES (${key}, 1, clock_timestamp(), clock_timestamp())
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN t.updated_at < clock_timestamp() - make_interval(secs => ${forget}) THEN 1 ELSE t.attempts + 1 END,
      next_at = clock_timestamp() + CASE
        WHEN t.updated_at < clock_timestamp() - make_interval(secs => ${forget}) OR t.attempts + 1 < ${free} THEN interval '0'
        ELSE make_interval(secs => LEAST(${max}::float8, ${first}::float8 * power(2, LEAST(t.attempts + 1 - ${free}, 30))))
      END,
      updated_at = clock_timestamp()
    WHERE t.next_at <= clock_timestamp() OR t.updated_at < clock_timestamp() - make_interval(secs => ${forget})
    RETURNING attempts`;
  if (rows.length > 0) return 0;
  const [row] = await prisma.$queryRaw<{ wait: number }[]>`
    SELECT GREATEST(1, CEIL(EXTRACT(EPOCH FROM next_at - clock_timestamp())))::int AS wait FROM login_throttle WHERE key = ${key}`;
  return row?.wait ?? 1;
}

/** Reserves an attempt for this name from this address; seconds to wait, or 0 when it may go ahead. */
export async function reserveLoginAttempt(ip: string, user: string): Promise<number> {
  const byAddress = await reserve(ipKey(ip), LOGIN_LIMITS.perAddress.free);
  if (byAddress > 0) return byAddress;
  return reserve(userKey(user, ip), LOGIN_LIMITS.perUserAddress.free);
}

/** A correct password clears this name's count from this address. */
export async function recordLoginSuccess(ip: string, user: string): Promise<void> {
  const { prisma } = await getDb();
  await prisma.loginThrottle.deleteMany({ where: { key: userKey(user, ip) } });
}

/** Drops counters nobody has touched for a day (run with the retention job). */
export async function pruneLoginThrottle(now = new Date()): Promise<number> {
  const { prisma } = await getDb();
  const cutoff = new Date(now.getTime() - LOGIN_LIMITS.forgetAfterSeconds * 1000);
  return (await prisma.loginThrottle.deleteMany({ where: { updatedAt: { lt: cutoff } } })).count;
}
