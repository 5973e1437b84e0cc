import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { JWT } from "next-auth/jwt";
import { headers } from "next/headers";
import { recordAuditEvent } from "@/lib/audit/record";
import { clientIp } from "./client-ip";
import { authorizeBuiltInUser } from "./credentials";
import { describeAuthError } from "./log-auth-error";
import { safeReturnPath } from "./paths";
import { isSessionRevoked, revokeSession } from "./revoked-sessions";
import { getAccessSettings, type AccessSettings } from "./settings";

export const SIGN_IN_PATH = "/signin";
export const OIDC_PROVIDER_ID = "oidc";

function providers(s: AccessSettings): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [];
  if (s.users.size > 0) {
    list.push(Credentials({ credentials: { username: {}, password: {} }, authorize: authorizeBuiltInUser }));
  }
  if (s.oidc) {
    list.push({
      id: OIDC_PROVIDER_ID,
      name: s.oidc.label,
      type: "oidc",
      issuer: s.oidc.issuer,
      clientId: s.oidc.clientId,
      clientSecret: s.oidc.clientSecret,
      // PKCE + state + nonce: the authorization code and the ID token are both bound to this browser.
      checks: ["pkce", "state", "nonce"],
    });
  }
  return list;
}

// Auth.js logs whole error objects (with causes that can carry provider responses); keep the real
// error type (class names are minified in the build) and the first line of its message.
const logger: NextAuthConfig["logger"] = {
  error: (error) => console.error(`[auth] ${describeAuthError(error)}`),
  warn: (code) => console.warn(`[auth] warning: ${code}`),
  debug: () => {},
};

function buildConfig(s: AccessSettings): NextAuthConfig {
  return {
    secret: s.secret,
    basePath: "/api/auth",
    // The host comes from the request (or AUTH_URL when set); server.ts is the only listener.
    trustHost: true,
    session: { strategy: "jwt", maxAge: s.sessionMaxAgeSeconds },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: providers(s),
    logger,
    callbacks: {
      // Every redirect Auth.js makes (after sign-in, sign-out, errors) goes to a normalised path of this app.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeReturnPath(url, baseUrl)}`;
      },
      async jwt({ token, user, account }) {
        if (user) {
          // A fresh id per sign-in, so one session can be revoked without touching the user's others.
          token.sid = randomUUID();
          token.via = account?.provider ?? "credentials";
          token.name = user.name ?? user.email ?? token.sub;
          token.authAt = Math.floor(Date.now() / 1000);
          if (token.via === OIDC_PROVIDER_ID) token.iss = s.oidc?.issuer;
        }
        // Checked on every request: a null here deletes the cookie and the request is unauthenticated.
        if (typeof token.sid !== "string" || !sessionStillAllowed(token, getAccessSettings())) return null;
        if (await isSessionRevoked(token.sid)) return null;
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, name: typeof token.name === "string" ? token.name : "operator" };
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        // Built-in users are audited in authorize(), which sees the name as typed and the outcome.
        if (account?.provider === OIDC_PROVIDER_ID) {
          const name = user.name ?? user.email ?? account.providerAccountId ?? null;
          await recordAuditEvent({
            kind: "sign_in_succeeded",
            actor: name,
            clientIp: await requestIp(),
            method: "oidc",
          });
        }
      },
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token || typeof token.sid !== "string") return;
        await revokeSession(token.sid, token.exp ?? Date.now() / 1000 + s.sessionMaxAgeSeconds);
        const method = token.via === OIDC_PROVIDER_ID ? "oidc" : "password";
        await recordAuditEvent({
          kind: "sign_out",
          actor: typeof token.name === "string" ? token.name : null,
          clientIp: await requestIp(),
          method,
        });
      },
    },
  };
}

/**
 * A session lasts at most AUTH_SESSION_MAX_DAYS from its sign-in, however often it is renewed, and
 * only while its way in still exists: a user removed from AUTH_USERS, or single sign-on removed or
 * moved to another issuer, ends the session at the next request.
 */
function sessionStillAllowed(token: JWT, s: AccessSettings, nowSeconds = Date.now() / 1000): boolean {
  if (typeof token.authAt !== "number" || nowSeconds - token.authAt > s.sessionAbsoluteMaxSeconds) return false;
  if (token.via === OIDC_PROVIDER_ID) return s.oidc !== undefined && token.iss === s.oidc.issuer;
  return typeof token.name === "string" && s.users.has(token.name);
}

async function requestIp(): Promise<string | null> {
  try {
    return clientIp(await headers());
  } catch {
    return null; // outside a request (never expected here)
  }
}

// Lazy: the environment is read at the first request, not when the build imports this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig(getAccessSettings()));
