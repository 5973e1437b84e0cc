import { describe, expect, it } from "vitest";
import { hasValidToken } from "./token";

describe("hasValidToken", () => {
  it.each([
    ["token=abc", null, true],
    ["", "Bearer abc", true],
    ["", "bearer   abc ", true],
    ["token=ab", null, false],
    ["token=abcd", null, false],
    ["", "Basic abc", false],
    ["", null, false],
    ["token=", "Bearer abc", true],
    ["?x=1&token=abc", null, true],
  ])("query %j, authorization %j → %s", (query, auth, expected) => {
    expect(hasValidToken("abc", query, auth)).toBe(expected);
  });

  // What `openssl rand -base64 24` prints: +, / and = pasted into ?token= as the README says.
  const base64 = "q3+Zk/8vYw2Lr+0aPq9T/xX1mN4b7cD=";
  it.each([
    ["pasted as is", `token=${base64}`, true],
    ["percent-encoded", `token=${encodeURIComponent(base64)}`, true],
    [
      "lower-case percent-encoding",
      `token=${encodeURIComponent(base64).replace(/%([0-9A-F]{2})/g, (_m, h: string) => `%${h.toLowerCase()}`)}`,
      true,
    ],
    ["with + turned into a space by someone's form encoder", `token=${base64.replaceAll("+", "%20")}`, false],
    ["with a wrong character", `token=${base64.replace("q", "Q")}`, false],
    ["broken percent-encoding", `token=${base64}%E0%A4%A`, false],
  ])("a base64 token %s → %s", (_n, query, expected) => {
    expect(hasValidToken(base64, query, null)).toBe(expected);
  });
});
