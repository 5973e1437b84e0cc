import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";

/**
 * Failed sign-ins are counted per user name and per client address, in this process's memory: a
 * restart forgets them, and several app processes each count on their own (a Redis store from the
 * same library would share them).
 */
export const LOGIN_LIMITS = {
  perUser: { points: 5, duration: 15 * 60 },
  perIp: { points: 20, duration: 15 * 60 },
} as const;

interface Limiters {
  user: RateLimiterMemory;
  ip: RateLimiterMemory;
}

// On globalThis: the route handler and the server-action bundles must share one count.
const slot = globalThis as typeof globalThis & { __umLoginLimiters?: Limiters };

function limiters(): Limiters {
  slot.__umLoginLimiters ??= {
    user: new RateLimiterMemory({ keyPrefix: "login_user", ...LOGIN_LIMITS.perUser }),
    ip: new RateLimiterMemory({ keyPrefix: "login_ip", ...LOGIN_LIMITS.perIp }),
  };
  return slot.__umLoginLimiters;
}

const userKey = (name: string) => name.trim().toLowerCase();

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export async function loginBlockedFor(ip: string, user: string): Promise<number> {
  const { user: byUser, ip: byIp } = limiters();
  const [u, i] = await Promise.all([byUser.get(userKey(user)), byIp.get(ip)]);
  const wait = (res: typeof u, points: number) => (res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : 0);
  return Math.max(wait(u, LOGIN_LIMITS.perUser.points), wait(i, LOGIN_LIMITS.perIp.points));
}

export async function recordLoginFailure(ip: string, user: string): Promise<void> {
  const { user: byUser, ip: byIp } = limiters();
  // consume() rejects once over the limit; that is the state we are recording, not an error.
  await Promise.allSettled([byUser.consume(userKey(user)), byIp.consume(ip)]);
}

/** A success clears the user's count (not the address's: one good password must not unlock spraying). */
export async function recordLoginSuccess(user: string): Promise<void> {
  await limiters().user.delete(userKey(user));
}
