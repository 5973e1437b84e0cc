import { describe, expect, it } from "vitest";
import { classifyPath, safeReturnPath } from "./paths";

describe("classifyPath", () => {
  it.each([
    ["/signin", "public"],
    ["/api/health", "public"],
    ["/api/callback", "public"],
    ["/api/auth/csrf", "public"],
    ["/api/auth/callback/oidc", "public"],
    ["/api/healthz", "api"],
    ["/api/authx", "api"],
    ["/api/tasks", "api"],
    ["/api", "api"],
    ["/", "page"],
    ["/signin-other", "page"],
    ["/signin/x", "page"],
    ["/tasks/abc", "page"],
  ])("%s is %s", (path, kind) => {
    expect(classifyPath(path)).toBe(kind);
  });
});

describe("safeReturnPath", () => {
  it.each([
    ["/quarantine?x=1", "/quarantine?x=1"],
    [undefined, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example/", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s → %s", (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });
});
