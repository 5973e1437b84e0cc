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
    // The security review's open redirects: the browser strips the tab and resolves the dot segments.
    ["/\t/evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/..//evil.example", "/"],
    ["/x/..//evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["http://return-path.invalid/x", "/"],
    ["/tasks/../quarantine", "/quarantine"],
    ["/tasks/a%2F..%2F/x", "/tasks/a%2F..%2F/x"],
    ["/api/callback?token=s3cret&x=1", "/api/callback?x=1"],
    ["/API/callback?TOKEN=s3cret", "/API/callback"],
    ["/x?%74oken=s3cret", "/x"],
  ])("%s → %s", (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });
});

describe("safeReturnPath with this app's origin (Auth.js redirect callback)", () => {
  const origin = "http://monitor.example:3000";
  it.each([
    ["http://monitor.example:3000/tasks?x=1", "/tasks?x=1"],
    ["http://evil.example/", "/"],
    ["http://monitor.example:3000.evil.example/", "/"],
    ["http://user@monitor.example:3000/", "/"],
    ["/..//evil.example", "/"],
  ])("%s → %s", (raw, expected) => {
    expect(safeReturnPath(raw, origin)).toBe(expected);
  });
});
