import { execFileSync, spawnSync } from "node:child_process";
import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { digestApiToken, matchApiToken, parseApiTokens } from "@/lib/auth/api-tokens";
import { parseAccessSettings } from "@/lib/auth/settings";
import { createThrowawayDatabase, startServer } from "../support/servers";
import { freePort } from "./support/free-port";

const SECRET = "s".repeat(40);
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$VgafEd4b1dyU5ha0Pc9dFQ$tM0C/wZl3DxxJr+M93vQsRxomiLlShpUsBUigqGkABw";
const TSX = ["node_modules/tsx/dist/cli.mjs"];

describe("sign-in configuration", () => {
  it("is open only when nothing at all is configured", () => {
    expect(parseAccessSettings({}).mode).toBe("open");
    expect(parseAccessSettings({ AUTH_USERS: `a:${HASH}`, AUTH_SECRET: SECRET }).mode).toBe("protected");
    expect(parseAccessSettings({ API_TOKENS: `x:${"ab".repeat(32)}` })).toMatchObject({
      mode: "protected",
      interactive: false,
    });
  });

  it.each([
    ["a user without AUTH_SECRET", { AUTH_USERS: `a:${HASH}` }, /AUTH_SECRET/],
    ["a short AUTH_SECRET", { AUTH_USERS: `a:${HASH}`, AUTH_SECRET: "short-secret-value" }, /AUTH_SECRET/],
    ["a plain-text password", { AUTH_USERS: "a:hunter2-plain-text", AUTH_SECRET: SECRET }, /argon2id/],
    ["a hash whose $ a .env file expanded", { AUTH_USERS: "a:=19=19456,t=2,p=1", AUTH_SECRET: SECRET }, /argon2id/],
    [
      "OIDC without its secret",
      { AUTH_OIDC_ISSUER: "https://idp.example", AUTH_OIDC_ID: "id", AUTH_SECRET: SECRET },
      /AUTH_OIDC_SECRET/,
    ],
    [
      "an http:// issuer elsewhere than this machine",
      {
        AUTH_OIDC_ISSUER: "http://idp.example",
        AUTH_OIDC_ID: "i",
        AUTH_OIDC_SECRET: "oidc-secret-xyz",
        AUTH_SECRET: SECRET,
      },
      /https/,
    ],
    ["a plain API token instead of its digest", { API_TOKENS: "script:um_plain-token-value" }, /sha256/],
  ])("refuses %s, without echoing the value", (_name, env, message) => {
    let error: Error | undefined;
    try {
      parseAccessSettings(env as Record<string, string>);
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(message);
    for (const value of ["hunter2-plain-text", "short-secret-value", "oidc-secret-xyz", "um_plain-token-value"])
      expect(error?.message).not.toContain(value);
  });

  it("matches API tokens by digest, in constant time, and nothing else", () => {
    const tokens = parseApiTokens(
      `a:${digestApiToken("one").toString("hex")}, b:${digestApiToken("two").toString("hex").toUpperCase()}`,
    );
    expect(matchApiToken("two", tokens)).toBe("b");
    expect(matchApiToken("three", tokens)).toBeNull();
    expect(matchApiToken(digestApiToken("one").toString("hex"), tokens)).toBeNull();
  });

  it("npm run auth:hash-password prints a verifiable argon2id hash from a piped password", async () => {
    const out = execFileSync(process.execPath, [...TSX, "scripts/auth-hash-password.ts", "ops"], {
      input: "a long enough password\n",
    })
      .toString()
      .trim();
    const [name, hash] = [out.slice(0, out.indexOf(":")), out.slice(out.indexOf(":") + 1)];
    expect(name).toBe("ops");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verify(hash, "a long enough password")).toBe(true);
    expect(parseAccessSettings({ AUTH_USERS: out, AUTH_SECRET: SECRET }).users.get("ops")).toBe(hash);
    const short = spawnSync(process.execPath, [...TSX, "scripts/auth-hash-password.ts"], { input: "short\n" });
    expect(short.status).toBe(1);
  });

  it("npm run auth:api-token prints a token and the digest entry that accepts it", () => {
    const out = execFileSync(process.execPath, [...TSX, "scripts/auth-api-token.ts", "nightly"]).toString();
    const token = /token:\s+(\S+)/.exec(out)![1]!;
    const entry = /API_TOKENS:\s+(\S+)/.exec(out)![1]!;
    expect(entry).not.toContain(token);
    expect(matchApiToken(token, parseApiTokens(entry))).toBe("nightly");
  });

  it("a server with a broken sign-in configuration refuses to start, and says why without the value", async () => {
    const db = await createThrowawayDatabase("um_badauth");
    try {
      const start = startServer(
        { DATABASE_URL: db.url, AUTH_USERS: "admin:hunter2-plain-text", AUTH_SECRET: SECRET },
        "custom",
        await freePort(),
      );
      const error = await start.then(
        async (s) => {
          await s.stop();
          return undefined;
        },
        (err: Error) => err,
      );
      expect(error?.message).toContain("Invalid sign-in configuration");
      expect(error?.message).not.toContain("hunter2-plain-text");
      expect(error?.message).not.toContain(SECRET);
    } finally {
      await db.drop();
    }
  });
});
