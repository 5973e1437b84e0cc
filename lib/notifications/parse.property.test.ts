import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNotification } from "./parse";
import { NOTIFY_TYPES } from "./types";

// Whatever arrives, the parser answers with exactly one documented outcome and never throws.
const enc = (s: string) => new TextEncoder().encode(s);
const CODES = ["invalid_encoding", "invalid_json", "invalid_notification"];

function checkOutcome(bytes: Uint8Array) {
  const out = parseNotification(bytes);
  if (out.type === "refused") {
    expect(CODES).toContain(out.failure.code);
    expect(out.failure.details.length).toBeGreaterThan(0);
  } else if (out.type === "notification") {
    const n = out.notification;
    expect(n.deviceId.length).toBeGreaterThan(0);
    expect(n.deviceId.length).toBeLessThanOrEqual(256);
    expect(n.contentHash).toMatch(/^[0-9a-f]{64}$/);
    if (n.event === "result") expect(["SUCCESS", "FAIL"]).toContain(n.result);
  } else {
    expect(out.type).toBe("ignored");
  }
  return out;
}

const anyField = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const pushLike = fc.record(
  {
    notifyType: fc.oneof(fc.constantFrom(...NOTIFY_TYPES), fc.string(), anyField),
    deviceId: fc.oneof(fc.uuid(), fc.string(), anyField),
    operationId: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.string(), anyField),
    swUpgradeResult: fc.oneof(fc.constantFrom("SUCCESS", "FAIL", "success", "Fail"), anyField),
    status: fc.oneof(fc.constantFrom("SUCCESS", "FAIL"), anyField),
    step: fc.oneof(fc.constantFrom("0", "1", "2", "3"), anyField),
    upgradeTime: fc.oneof(
      fc.constant("20240115T083012Z"),
      fc.date().map((d) => (Number.isNaN(d.getTime()) ? "x" : d.toISOString())),
      anyField,
    ),
    errorCode: anyField,
    curVersion: anyField,
    appId: anyField,
    __proto__: anyField,
  },
  { requiredKeys: [] },
);

describe("parseNotification (properties)", () => {
  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => void checkOutcome(bytes)),
      { numRuns: 2000 },
    );
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => void checkOutcome(enc(JSON.stringify(v)))),
      { numRuns: 2000 },
    );
  });

  it("gives every push-shaped object a documented outcome, independent of key order", () => {
    fc.assert(
      fc.property(pushLike, (obj) => {
        const text = JSON.stringify(obj);
        const out = checkOutcome(enc(text));
        const reversed = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()));
        const again = parseNotification(enc(reversed));
        expect(again.type).toBe(out.type);
        if (out.type === "notification" && again.type === "notification") {
          expect(again.notification.contentHash).toBe(out.notification.contentHash);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts every well-formed result push, whatever its free-text fields hold", () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.stringMatching(/^[0-9a-f]{1,64}$/),
        fc.constantFrom("SUCCESS", "FAIL"),
        anyField,
        anyField,
        (deviceId, operationId, r, desc, code) => {
          const out = checkOutcome(
            enc(
              JSON.stringify({
                notifyType: "swUpgradeResultNotify",
                deviceId,
                operationId,
                swUpgradeResult: r,
                description: desc,
                errorCode: code,
              }),
            ),
          );
          expect(out.type).toBe("notification");
        },
      ),
      { numRuns: 1000 },
    );
  });
});
