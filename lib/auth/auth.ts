import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authorizeBuiltInUser } from "./credentials";
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

// Auth.js logs whole error objects (with causes that can carry provider responses); keep name + message.
const logger: NextAuthConfig["logger"] = {
  error: (error) => console.error(`[auth] ${error.name}: ${error.message.split("\n")[0]}`),
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
      jwt({ token, user, account }) {
        if (user) {
          // A fresh id per sign-in, so one session can be revoked without touching the user's others.
          token.sid = randomUUID();
          token.via = account?.provider ?? "credentials";
          token.name = user.name ?? user.email ?? token.sub;
        }
        if (typeof token.sid !== "string" || isSessionRevoked(token.sid)) return null;
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, name: typeof token.name === "string" ? token.name : "operator" };
        return session;
      },
    },
    events: {
      signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token && typeof token.sid === "string") revokeSession(token.sid, token.exp ?? Date.now() / 1000 + s.sessionMaxAgeSeconds);
      },
    },
  };
}

// Lazy: the environment is read at the first request, not when the build imports this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig(getAccessSettings()));
