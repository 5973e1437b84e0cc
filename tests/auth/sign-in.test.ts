import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_LIMITS } from "@/lib/auth/login-limiter";
import { CookieJar, sessionCookieName } from "./support/cookie-jar";
import { PASSWORD, refusalCode, signInWithPassword, startAuthServer, type AuthServer } from "./support/auth-server";

// Built-in users over real HTTP. TRUST_PROXY=1 lets each test present its own client address
// (X-Forwarded-For), so the per-address limits of one test do not spill into the next.
const USERS = ["alice", "bob", "carol", "dave", "erin", "frank"];
let app: AuthServer;
let nextIp = 1;
const fromNewIp = () => ({ "x-forwarded-for": `198.51.100.${nextIp++}` });

beforeAll(async () => {
  app = await startAuthServer(USERS, { TRUST_PROXY: "1" });
});
afterAll(async () => {
  await app?.stop();
});

async function canReadApi(jar: CookieJar): Promise<number> {
  return (await jar.fetch(`${app.url}/api/summary`)).status;
}

describe("built-in users", () => {
  it("signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const jar = new CookieJar();
    expect(await canReadApi(jar)).toBe(401);
    const res = await signInWithPassword(app.url, jar, "alice", PASSWORD, fromNewIp());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${app.url}/`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
    // Plain HTTP here: a Secure cookie would never come back.
    expect(session).not.toMatch(/;\s*Secure/i);
    expect(await canReadApi(jar)).toBe(200);
    const me = (await (await jar.fetch(`${app.url}/api/auth/session`)).json()) as { user?: { name?: string } };
    expect(me.user?.name).toBe("alice");
    const page = await jar.fetch(`${app.url}/`);
    expect(page.status).toBe(200);
  });

  it("marks the cookies Secure (and __Secure-/__Host- prefixed) when served over HTTPS", async () => {
    const jar = new CookieJar();
    const https = { ...fromNewIp(), "x-forwarded-proto": "https" };
    const res = await signInWithPassword(app.url, jar, "bob", PASSWORD, https);
    expect(res.status).toBe(302);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith("__Secure-authjs.session-token="));
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(cookies.filter((c) => !/;\s*Secure/i.test(c))).toEqual([]);
    expect((await jar.fetch(`${app.url}/api/summary`, { headers: https })).status).toBe(200);
  });

  it.each([
    ["a wrong password", "carol", "wrong password"],
    ["an unknown user", "mallory", PASSWORD],
    ["an empty password", "carol", ""],
  ])("refuses %s without a session cookie", async (_name, user, password) => {
    const jar = new CookieJar();
    const res = await signInWithPassword(app.url, jar, user, password, fromNewIp());
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!, app.url).pathname).toBe("/signin");
    expect(refusalCode(res)).toBe("credentials");
    expect(sessionCookieName(jar)).toBeUndefined();
    expect(await canReadApi(jar)).toBe(401);
  });

  it(`slows a name from one address after ${LOGIN_LIMITS.perUserAddress.free} failures, but never its owner elsewhere`, async () => {
    const attacker = fromNewIp();
    for (let i = 0; i < LOGIN_LIMITS.perUserAddress.free; i++) {
      expect(refusalCode(await signInWithPassword(app.url, new CookieJar(), "dave", `guess ${i}`, attacker))).toBe(
        "credentials",
      );
    }
    // The attacker's address now waits, even with the right password...
    expect(refusalCode(await signInWithPassword(app.url, new CookieJar(), "dave", PASSWORD, attacker))).toBe(
      "rate_limited",
    );
    // ...while the owner, from their own address, signs in at once: no lockout switch.
    const jar = new CookieJar();
    expect(refusalCode(await signInWithPassword(app.url, jar, "dave", PASSWORD, fromNewIp()))).toBeNull();
    expect(sessionCookieName(jar)).toBeDefined();
  });

  it(`slows an address after ${LOGIN_LIMITS.perAddress.free} failures across user names`, async () => {
    const ip = fromNewIp();
    for (let i = 0; i < LOGIN_LIMITS.perAddress.free; i++) {
      expect(refusalCode(await signInWithPassword(app.url, new CookieJar(), `spray${i}`, "123456", ip))).toBe(
        "credentials",
      );
    }
    expect(refusalCode(await signInWithPassword(app.url, new CookieJar(), "frank", PASSWORD, ip))).toBe("rate_limited");
    expect(refusalCode(await signInWithPassword(app.url, new CookieJar(), "frank", PASSWORD, fromNewIp()))).toBeNull();
  });

  it("signs out: the cookie is cleared and a copy of it replayed later is refused", async () => {
    const jar = new CookieJar();
    await signInWithPassword(app.url, jar, "erin", PASSWORD, fromNewIp());
    const stolen = jar.header();
    expect(await canReadApi(jar)).toBe(200);

    const { csrfToken } = (await (await jar.fetch(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const out = await jar.fetch(`${app.url}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${app.url}/signin` }),
    });
    expect(out.status).toBe(302);
    expect(sessionCookieName(jar)).toBeUndefined();
    expect(await canReadApi(jar)).toBe(401);
    const replay = await fetch(`${app.url}/api/summary`, { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
  });

  it("refuses a sign-in post without the CSRF token", async () => {
    const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...fromNewIp() },
      body: new URLSearchParams({ username: "alice", password: PASSWORD }),
    });
    expect(res.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(false);
  });

  it("never puts the password or the secret in the log", () => {
    expect(app.server.output()).not.toContain(PASSWORD);
    expect(app.server.output()).not.toContain("guess 0");
    expect(app.server.output()).not.toContain("test-secret-");
  });
});
