import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar, sessionCookieName } from "./support/cookie-jar";
import { startAuthServer, type AuthServer } from "./support/auth-server";
import { OIDC_CLIENT, OIDC_USER, startOidcProvider, type OidcProvider } from "./support/oidc-provider";

// Single sign-on through the real authorization-code flow (PKCE, state, nonce) over HTTP, every
// redirect followed by hand: app → provider login → consent → app callback → session.
let idp: OidcProvider;
let app: AuthServer;

beforeAll(async () => {
  idp = await startOidcProvider();
  app = await startAuthServer([], {
    AUTH_OIDC_ISSUER: idp.issuer,
    AUTH_OIDC_ID: OIDC_CLIENT.id,
    AUTH_OIDC_SECRET: OIDC_CLIENT.secret,
    AUTH_OIDC_NAME: "Test IdP",
  });
  idp.configure(`${app.url}/api/auth/callback/oidc`);
});
afterAll(async () => {
  await app?.stop();
  await idp?.close();
});

/** One browser: a cookie jar per origin, redirects followed until a page answers. */
function browser() {
  const jars = new Map<string, CookieJar>();
  const jar = (url: URL) => jars.get(url.origin) ?? jars.set(url.origin, new CookieJar()).get(url.origin)!;
  const trail: string[] = [];
  async function go(start: string, init: RequestInit = {}): Promise<{ res: Response; url: URL }> {
    let url = new URL(start);
    let res = await jar(url).fetch(url, init);
    trail.push(`${res.status} ${url.origin}${url.pathname}`);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      url = new URL(res.headers.get("location")!, url);
      res = await jar(url).fetch(url);
      trail.push(`${res.status} ${url.origin}${url.pathname}`);
    }
    return { res, url };
  }
  /** Submits the provider's one form (login or consent) with these fields. */
  async function submit(page: { res: Response; url: URL }, fields: Record<string, string>) {
    const html = await page.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on ${page.url}:\n${trail.join("\n")}\n${html.slice(0, 500)}`);
    const body = new URLSearchParams({ prompt, ...fields });
    return go(new URL(action, page.url).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  }
  return { go, submit, jar, trail };
}

async function startSignIn(b: ReturnType<typeof browser>, callbackUrl: string) {
  const appJar = b.jar(new URL(app.url));
  const { csrfToken } = (await (await appJar.fetch(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  return b.go(`${app.url}/api/auth/signin/oidc`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl }),
  });
}

describe("OpenID Connect single sign-on", () => {
  it("offers the provider on the sign-in page", async () => {
    const html = await (await fetch(`${app.url}/signin`)).text();
    expect(html).toContain("Sign in with Test IdP");
    expect(html).not.toContain('name="password"');
  });

  it("signs in through the provider and lands back where the user started", async () => {
    const b = browser();
    const login = await startSignIn(b, `${app.url}/quarantine`);
    expect(login.url.origin).toBe(idp.issuer);
    const consent = await b.submit(login, { login: OIDC_USER.sub, password: "anything" });
    expect(consent.url.origin).toBe(idp.issuer);
    const landed = await b.submit(consent, {});
    expect(b.trail.some((t) => t.startsWith(`302 ${app.url}/api/auth/callback/oidc`))).toBe(true);
    expect(landed.url.href).toBe(`${app.url}/quarantine`);
    expect(landed.res.status).toBe(200);

    const appJar = b.jar(new URL(app.url));
    expect(sessionCookieName(appJar)).toBe("authjs.session-token");
    const me = (await (await appJar.fetch(`${app.url}/api/auth/session`)).json()) as { user?: { name?: string } };
    expect(me.user?.name).toBe(OIDC_USER.name);
    expect((await appJar.fetch(`${app.url}/api/summary`)).status).toBe(200);
  });

  it("refuses a callback whose state does not belong to this browser", async () => {
    const victim = browser();
    const login = await startSignIn(victim, `${app.url}/`);
    const consent = await victim.submit(login, { login: "eve", password: "x" });
    const html = await consent.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    // Follow the provider's answer by hand, then replay the code in a browser without the app's cookies.
    const idpJar = victim.jar(new URL(idp.issuer));
    let res = await idpJar.fetch(new URL(action, consent.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "consent" }),
    });
    let url = new URL(res.headers.get("location")!, consent.url);
    while (url.origin === idp.issuer) {
      res = await idpJar.fetch(url);
      url = new URL(res.headers.get("location")!, url);
    }
    expect(url.pathname).toBe("/api/auth/callback/oidc");
    const attacker = new CookieJar();
    const callback = await attacker.fetch(url);
    expect(callback.status).toBe(302);
    expect(new URL(callback.headers.get("location")!, app.url).pathname).toBe("/signin");
    expect(sessionCookieName(attacker)).toBeUndefined();
  });

  it("never logs the client secret", () => {
    expect(app.server.output()).not.toContain(OIDC_CLIENT.secret);
  });
});
