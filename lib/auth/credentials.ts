import "server-only";
import { CredentialsSignin } from "next-auth";
import { clientIp } from "./client-ip";
import { loginBlockedFor, recordLoginFailure, recordLoginSuccess } from "./login-limiter";
import { verifyPassword } from "./passwords";
import { getAccessSettings } from "./settings";

/** Shown as `?code=rate_limited` on the sign-in page; says nothing about whether the user exists. */
export class LoginRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/**
 * Auth.js `authorize` for built-in users: rate limits first (a blocked attempt does not even reach
 * the password hash), then the argon2id check. Wrong name and wrong password look the same.
 */
export async function authorizeBuiltInUser(credentials: Partial<Record<string, unknown>>, request: Request) {
  const username = typeof credentials.username === "string" ? credentials.username.trim().slice(0, 200) : "";
  const password = typeof credentials.password === "string" ? credentials.password : "";
  const ip = clientIp(request.headers);
  if (!username || !password) throw new CredentialsSignin();
  if ((await loginBlockedFor(ip, username)) > 0) throw new LoginRateLimited();

  const stored = getAccessSettings().users.get(username);
  if (!(await verifyPassword(stored, password))) {
    await recordLoginFailure(ip, username);
    throw new CredentialsSignin();
  }
  await recordLoginSuccess(username);
  return { id: username, name: username };
}
