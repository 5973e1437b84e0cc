import "server-only";
import { z } from "zod";
import { parseApiTokens, type ApiToken } from "./api-tokens";

/**
 * Who may see the dashboard, from the environment. Parsed once per bundle; an invalid value throws a
 * message that names the variable but never echoes its value (these are secrets or hashes).
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
}

export interface AccessSettings {
  /** "open": nothing configured, a local trial; everything else is "protected". */
  mode: "open" | "protected";
  /** User name → argon2id PHC hash. */
  users: Map<string, string>;
  oidc?: OidcSettings;
  apiTokens: ApiToken[];
  secret?: string;
  sessionMaxAgeSeconds: number;
  /** Absolute lifetime of a session from its sign-in, renewals notwithstanding (AUTH_SESSION_MAX_DAYS). */
  sessionAbsoluteMaxSeconds: number;
  /** True when someone can sign in through a page (users or OIDC), so Auth.js is needed. */
  interactive: boolean;
}

const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
// argon2id only, with the parameters inline, exactly as `npm run auth:hash-password` prints it.
const ARGON2ID_PHC = /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

const Raw = z.object({
  AUTH_USERS: z.string().trim().optional(),
  AUTH_SECRET: z.string().trim().optional(),
  AUTH_OIDC_ISSUER: z.string().trim().optional(),
  AUTH_OIDC_ID: z.string().trim().optional(),
  AUTH_OIDC_SECRET: z.string().trim().optional(),
  AUTH_OIDC_NAME: z.string().trim().max(60).optional(),
  API_TOKENS: z.string().trim().optional(),
  AUTH_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  AUTH_SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(7),
});

class AccessConfigError extends Error {
  constructor(message: string) {
    super(`Invalid sign-in configuration: ${message}`);
    this.name = "AccessConfigError";
  }
}

function parseUsers(raw: string | undefined): Map<string, string> {
  const users = new Map<string, string>();
  // Whitespace-separated: argon2 hashes contain commas and '=' themselves.
  for (const entry of (raw ?? "").split(/\s+/).filter(Boolean)) {
    const colon = entry.indexOf(":");
    const name = colon > 0 ? entry.slice(0, colon) : "";
    const hash = entry.slice(colon + 1);
    if (!USER_NAME.test(name)) {
      throw new AccessConfigError(
        "AUTH_USERS entries are `name:<argon2id hash>`; a name is 1-64 of A-Z a-z 0-9 . _ @ -",
      );
    }
    if (!ARGON2ID_PHC.test(hash)) {
      throw new AccessConfigError(
        `AUTH_USERS: the hash for "${name}" is not an argon2id hash from \`npm run auth:hash-password\`` +
          " (in a .env file write each $ as \\$, or Next expands it as a variable)",
      );
    }
    if (users.has(name)) throw new AccessConfigError(`AUTH_USERS names "${name}" twice`);
    users.set(name, hash);
  }
  return users;
}

function parseOidc(raw: z.infer<typeof Raw>): OidcSettings | undefined {
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_ID: clientId, AUTH_OIDC_SECRET: clientSecret } = raw;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new AccessConfigError(
      "single sign-on needs all three of AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET",
    );
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new AccessConfigError("AUTH_OIDC_ISSUER is not a URL");
  }
  // Tokens and the client secret travel to the issuer: plain HTTP only to this machine (tests, a local IdP).
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new AccessConfigError("AUTH_OIDC_ISSUER must be an https:// URL");
  }
  return { issuer, clientId, clientSecret, label: raw.AUTH_OIDC_NAME || "single sign-on" };
}

export function parseAccessSettings(env: Record<string, string | undefined>): AccessSettings {
  const parsed = Raw.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw new AccessConfigError(`unusable value in ${names}`);
  }
  const raw = parsed.data;
  const users = parseUsers(raw.AUTH_USERS);
  const oidc = parseOidc(raw);
  let apiTokens: ApiToken[];
  try {
    apiTokens = parseApiTokens(raw.API_TOKENS);
  } catch (err) {
    throw new AccessConfigError((err as Error).message);
  }
  const interactive = users.size > 0 || oidc !== undefined;
  // Session cookies are encrypted with it: a short or missing secret would make them forgeable or void at restart.
  if (interactive && (!raw.AUTH_SECRET || raw.AUTH_SECRET.length < 32)) {
    throw new AccessConfigError("AUTH_SECRET must be set to at least 32 random characters (`openssl rand -base64 32`)");
  }
  return {
    mode: interactive || apiTokens.length > 0 ? "protected" : "open",
    users,
    oidc,
    apiTokens,
    secret: raw.AUTH_SECRET,
    sessionMaxAgeSeconds: Math.round(raw.AUTH_SESSION_HOURS * 3600),
    sessionAbsoluteMaxSeconds: Math.round(raw.AUTH_SESSION_MAX_DAYS * 86400),
    interactive,
  };
}

let cached: AccessSettings | undefined;

export function getAccessSettings(): AccessSettings {
  cached ??= parseAccessSettings(process.env);
  return cached;
}

/** One line for the start-up log: what protects this server (counts and the issuer, never secrets). */
export function describeAccess(s: AccessSettings): string {
  if (s.mode === "open") {
    return (
      "[auth] WARNING: no sign-in is configured (AUTH_USERS, AUTH_OIDC_*, API_TOKENS are unset): every page and" +
      " API is open to anyone who can reach this server. Use this only for a local trial."
    );
  }
  const parts = [
    `${s.users.size} built-in user(s)`,
    s.oidc ? `single sign-on via ${s.oidc.issuer}` : "no single sign-on",
    `${s.apiTokens.length} API token(s)`,
  ];
  return `[auth] sign-in required: ${parts.join(", ")}`;
}
