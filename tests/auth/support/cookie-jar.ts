/** The cookies one browser holds for one origin, kept by hand so each test sees every Set-Cookie. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = "", ...attrs] = header.split(";");
  const eq = pair.indexOf("=");
  const attributes = new Map<string, string>();
  for (const a of attrs) {
    const [k = "", ...v] = a.trim().split("=");
    attributes.set(k.toLowerCase(), v.join("="));
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Stores every Set-Cookie of a response (deleting the expired ones) and returns them parsed. */
  store(res: Response): SetCookie[] {
    const set = res.headers.getSetCookie().map(parseSetCookie);
    for (const c of set) {
      const expires = c.attributes.get("expires");
      const gone =
        c.attributes.get("max-age") === "0" ||
        (expires !== undefined && Date.parse(expires) <= Date.now()) ||
        c.value === "";
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return set;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** fetch with this jar's cookies, no redirect following; the answer's cookies are stored. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.header());
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(res);
    return res;
  }
}

/** The session cookie (plain or __Secure- prefixed) among the jar's cookies. */
export function sessionCookieName(jar: CookieJar): string | undefined {
  return [...jar.cookies.keys()].find((k) => k.endsWith("authjs.session-token"));
}
