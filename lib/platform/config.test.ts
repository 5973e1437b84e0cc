import { describe, expect, it } from "vitest";
import { readPlatformConfig } from "./config";
import { reconciledHash, reconciledNotification } from "./lost-push";

const base = { PLATFORM_URL: "https://iot.example.com:8743/", PLATFORM_APP_ID: "app", PLATFORM_SECRET: "s3cret" };

describe("readPlatformConfig", () => {
  it("is off without PLATFORM_URL, and reads the defaults otherwise", () => {
    expect(readPlatformConfig({})).toBeNull();
    expect(readPlatformConfig({ PLATFORM_URL: " " })).toBeNull();
    expect(readPlatformConfig(base)).toMatchObject({
      url: "https://iot.example.com:8743",
      discover: false,
      syncSeconds: 300,
      lostPushGraceSeconds: 600,
      leaseSeconds: 30,
    });
    expect(
      readPlatformConfig({ ...base, PLATFORM_DISCOVER: "1", PLATFORM_SYNC_SECONDS: "5", LOST_PUSH_GRACE_SECONDS: "0" }),
    ).toMatchObject({ discover: true, syncSeconds: 5, lostPushGraceSeconds: 0 });
  });

  it("names the variable that is wrong, never the secret", () => {
    const err = (env: Record<string, string>) => {
      try {
        readPlatformConfig(env);
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err({ PLATFORM_URL: "https://x" })).toMatch(/PLATFORM_APP_ID/);
    expect(err({ ...base, PLATFORM_SYNC_SECONDS: "4" })).toMatch(/PLATFORM_SYNC_SECONDS/);
    expect(err({ ...base, PLATFORM_URL: "ftp://x" })).toMatch(/PLATFORM_URL/);
    expect(err({ ...base, PLATFORM_CERT_FILE: "/tmp/c.pem" })).toMatch(
      /PLATFORM_CERT_FILE and PLATFORM_KEY_FILE go together/,
    );
    expect(err({ ...base, PLATFORM_CA_FILE: "/nonexistent/ca.pem" })).toMatch(
      /PLATFORM_CA_FILE cannot be read \(ENOENT\)/,
    );
    expect(err({ ...base, PLATFORM_SYNC_SECONDS: "4" })).not.toContain("s3cret");
  });
});

describe("reconciled results", () => {
  const task = { operationId: "op", operateType: "software_upgrade", appId: "app" };
  const raw = {
    subOperationId: "sub",
    deviceId: "dev",
    status: "FAIL",
    stopTime: "20261129T100000Z",
    detailInfo: { errorCode: "7", resultDesc: "no space" },
  };
  const sub = {
    ...raw,
    status: "FAIL" as const,
    operateType: null,
    createTime: null,
    startTime: null,
    extendInfo: undefined,
  };

  it("has a hash that depends on task, device, sub-operation and status only", () => {
    expect(reconciledHash("op", "dev", "sub", "FAIL")).toBe(reconciledHash("op", "dev", "sub", "FAIL"));
    expect(
      new Set([
        reconciledHash("op", "dev", "sub", "FAIL"),
        reconciledHash("op", "dev", "sub", "SUCCESS"),
        reconciledHash("op", "dev2", "sub", "FAIL"),
        reconciledHash("op", "dev", null, "FAIL"),
      ]).size,
    ).toBe(4);
  });

  it("reads like the result push the platform would have sent, marked as coming from the API", () => {
    const n = reconciledNotification(task, { sub, raw }, 600);
    expect(n).toMatchObject({
      notifyType: "swUpgradeResultNotify",
      kind: "software",
      event: "result",
      result: "FAIL",
      errorCode: "7",
      resultDesc: "no space",
      subOperationId: "sub",
      upgradeTimeRaw: "20261129T100000Z",
      source: "api",
      contentHash: reconciledHash("op", "dev", "sub", "FAIL"),
    });
    expect(n.upgradeAt?.toISOString()).toBe("2026-11-29T10:00:00.000Z");
    expect(JSON.parse(n.rawBody)).toEqual(raw);
    expect(n.warnings[0]!.problem).toMatch(/reconciled from the platform's task API.*600 s/);
  });
});
