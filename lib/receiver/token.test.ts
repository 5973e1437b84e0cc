import { describe, expect, it } from "vitest";
import { hasValidToken } from "./token";

describe("hasValidToken", () => {
  const q = (s: string) => new URLSearchParams(s);
  it.each([
    [q("token=abc"), null, true],
    [q(""), "Bearer abc", true],
    [q(""), "bearer   abc ", true],
    [q("token=ab"), null, false],
    [q("token=abcd"), null, false],
    [q(""), "Basic abc", false],
    [q(""), null, false],
    [q("token="), "Bearer abc", true],
  ])("query %s, authorization %j → %s", (query, auth, expected) => {
    expect(hasValidToken("abc", query, auth)).toBe(expected);
  });
});
