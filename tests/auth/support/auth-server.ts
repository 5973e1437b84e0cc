import { digestApiToken, generateApiToken } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/passwords";
import {
  createThrowawayDatabase,
  startServer,
  type RunningServer,
  type ThrowawayDatabase,
} from "../../support/servers";
import { CookieJar } from "./cookie-jar";
import { freePort } from "./free-port";

export const PASSWORD = "correct horse battery staple";
export const AUTH_SECRET = "test-secret-0123456789abcdef0123456789abcdef";

export interface AuthServer {
  server: RunningServer;
  url: string;
  apiToken: string;
  stop(): Promise<void>;
}

/**
 * A server of its own with sign-in configured: `users` share PASSWORD, one API token, plus any
 * extra env (OIDC, TRUST_PROXY). On PostgreSQL: lighter than PGlite for one more server.
 */
export async function startAuthServer(
  users: string[],
  extraEnv: Record<string, string | undefined> = {},
): Promise<AuthServer> {
  const db: ThrowawayDatabase = await createThrowawayDatabase("um_auth");
  const hash = await hashPassword(PASSWORD);
  const apiToken = generateApiToken();
  const server = await startServer(
    {
      DATABASE_URL: db.url,
      AUTH_SECRET,
      AUTH_USERS: users.map((u) => `${u}:${hash}`).join("\n"),
      API_TOKENS: `ci-script:${digestApiToken(apiToken).toString("hex")}`,
      ...extraEnv,
    },
    "custom",
    await freePort(),
  );
  return {
    server,
    url: server.url,
    apiToken,
    stop: async () => {
      await server.stop();
      await db.drop();
    },
  };
}

/**
 * A signed-in server on a database the test owns (`dbEnv` = DATABASE_URL or PGLITE_DIR), so that
 * it can be restarted, or a second instance started, on the same data. Same API token digest rule.
 */
export async function startAuthServerOn(
  dbEnv: Record<string, string>,
  users: string[],
  extraEnv: Record<string, string | undefined> = {},
): Promise<RunningServer> {
  const hash = await hashPassword(PASSWORD);
  return startServer(
    {
      ...dbEnv,
      AUTH_SECRET,
      AUTH_USERS: users.map((u) => `${u}:${hash}`).join("\n"),
      ...extraEnv,
    },
    "custom",
    await freePort(),
  );
}

/** Signs out the jar's session the way the Sign-out button does (CSRF token, POST). */
export async function signOut(base: string, jar: CookieJar): Promise<Response> {
  const { csrfToken } = (await (await jar.fetch(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  return jar.fetch(`${base}/api/auth/signout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/signin` }),
  });
}

/** Posts the credentials form to Auth.js exactly as a browser would (CSRF token included). */
export async function signInWithPassword(
  base: string,
  jar: CookieJar,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const csrf = await jar.fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return jar.fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, csrfToken, callbackUrl: `${base}/` }),
  });
}

/** The `code` Auth.js put on the sign-in page URL after a refused sign-in ("credentials", "rate_limited"). */
export function refusalCode(res: Response): string | null {
  const location = res.headers.get("location");
  return location ? new URL(location, "http://app.invalid").searchParams.get("code") : null;
}
