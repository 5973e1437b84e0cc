import "server-only";
import { CredentialsSignin } from "next-auth";
import { recordAuditEvent } from "@/lib/audit/record";
import { clientIp } from "./client-ip";
import { recordLoginSuccess, reserveLoginAttempt } from "./login-limiter";
import { verifyPassword } from "./passwords";
import { getAccessSettings } from "./settings";

/** Shown as `?code=rate_limited` on the sign-in page; says nothing about whether the user exists. */
export class LoginRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/**
 * Auth.js `authorize` for built-in users: the attempt is reserved against the limits first (a slowed
 * attempt does not even reach the password hash), then the argon2id check. Wrong name and wrong
 * password look the same. Every outcome goes to the audit trail with the name as typed.
 */
export async function authorizeBuiltInUser(credentials: Partial<Record<string, unknown>>, request: Request) {
  const username = typeof credentials.username === "string" ? credentials.username.trim().slice(0, 200) : "";
  const password = typeof credentials.password === "string" ? credentials.password : "";
  const ip = clientIp(request.headers);
  const audit = { actor: username, clientIp: ip, method: "password" as const };
  if (!username || !password) {
    await recordAuditEvent({ kind: "sign_in_failed", ...audit, details: { reason: "empty" } });
    throw new CredentialsSignin();
  }
  const wait = await reserveLoginAttempt(ip, username);
  if (wait > 0) {
    await recordAuditEvent({ kind: "sign_in_slowed", ...audit, details: { retryAfterSeconds: wait } });
    throw new LoginRateLimited();
  }
  const stored = getAccessSettings().users.get(username);
  if (!(await verifyPassword(stored, password))) {
    await recordAuditEvent({ kind: "sign_in_failed", ...audit, details: { reason: "credentials" } });
    throw new CredentialsSignin();
  }
  await recordLoginSuccess(ip, username);
  await recordAuditEvent({ kind: "sign_in_succeeded", ...audit });
  return { id: username, name: username };
}
