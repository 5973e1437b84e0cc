import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareResults, firstOf, FUTURE_SKEW_MS, latestOf, plausibleDeviceTime, type Ordered } from "./ordering";

const at = (iso: string) => new Date(iso);
const r = (id: number, received: string, device: string | null): Ordered => ({
  id,
  receivedAt: at(received),
  deviceAt: device ? at(device) : null,
});

describe("plausibleDeviceTime", () => {
  const arrival = at("2026-11-29T16:00:00Z");
  it.each([
    ["an RTC reset to 1970", "1970-01-01T00:05:12Z", false],
    ["a GPS-epoch 1980 clock", "1980-01-06T00:00:00Z", false],
    ["an RTC default of 2000", "2000-01-01T00:00:00Z", false],
    ["the floor itself", "2015-01-01T00:00:00Z", true],
    ["a day-old backlog", "2026-11-28T16:00:00Z", true],
    ["ahead by the allowed skew", new Date(arrival.getTime() + FUTURE_SKEW_MS).toISOString(), true],
    ["ahead by more than the skew", new Date(arrival.getTime() + FUTURE_SKEW_MS + 1000).toISOString(), false],
    ["year 2099", "2099-12-31T23:59:59Z", false],
  ])("%s → %s", (_n, device, ok) => {
    expect(plausibleDeviceTime(at(device), arrival) !== null).toBe(ok);
  });
  it("no device time is not plausible", () => expect(plausibleDeviceTime(null, arrival)).toBeNull());
});

describe("compareResults (the issue's examples)", () => {
  it("an RTC reset SUCCESS that arrives later beats a FAIL with a real time (arrival decides)", () => {
    const fail = r(1, "2026-11-29T10:00:05Z", "2026-11-29T10:00:00Z");
    const ok = r(2, "2026-11-29T10:30:00Z", "1970-01-01T00:05:12Z");
    expect(latestOf([fail, ok])).toBe(ok);
    expect(firstOf([fail, ok])).toBe(fail);
  });
  it("a FAIL dated 2099 loses to a real SUCCESS that arrived later", () => {
    const fail = r(1, "2026-11-29T10:00:00Z", "2099-12-31T23:59:59Z");
    const ok = r(2, "2026-11-29T10:05:00Z", "2026-11-29T10:04:00Z");
    expect(latestOf([fail, ok])).toBe(ok);
  });
  it("a FAIL without a device time loses to a backlog SUCCESS dated 20 minutes before", () => {
    const fail = r(1, "2026-11-29T16:00:00Z", null);
    const ok = r(2, "2026-11-29T16:01:00Z", "2026-11-29T15:41:00Z");
    expect(latestOf([fail, ok])).toBe(ok);
  });
  it("two plausible device times: the device order wins whatever the arrival order", () => {
    const later = r(1, "2026-11-29T16:00:00Z", "2026-11-29T15:00:00Z");
    const earlier = r(2, "2026-11-29T16:05:00Z", "2026-11-29T14:00:00Z");
    expect(compareResults(later, earlier)).toBeGreaterThan(0);
    expect(latestOf([earlier, later])).toBe(later);
    expect(firstOf([later, earlier])).toBe(earlier);
  });
  it("equal device times: arrival breaks the tie", () => {
    const a = r(1, "2026-11-29T16:00:00Z", "2026-11-29T15:00:00Z");
    const b = r(2, "2026-11-29T16:00:00Z", "2026-11-29T15:00:00Z");
    expect(latestOf([b, a])).toBe(b);
  });
});

// Results of one device: arrival times rising, device times plausible, absurd or missing.
const results = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -120, max: 120 }), fc.nat({ max: 600 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((rows) => {
    let t = Date.UTC(2026, 10, 29, 12);
    return rows.map(([kind, deviceOffsetMin, gapSec], i): Ordered => {
      t += gapSec * 1000;
      const deviceAt =
        kind === 0
          ? null
          : kind === 1
            ? new Date(Date.UTC(1970, 0, 1) + i)
            : kind === 2
              ? new Date(Date.UTC(2099, 0, 1))
              : new Date(t + deviceOffsetMin * 60_000);
      return { id: i + 1, receivedAt: new Date(t), deviceAt };
    });
  });

describe("the fold (properties)", () => {
  it("equals the closed form: the last result without a plausible time, unless plausible ones arrived after it", () => {
    fc.assert(
      fc.property(results, (rs) => {
        const untimed = rs.filter((x) => plausibleDeviceTime(x.deviceAt, x.receivedAt) === null);
        const lastUntimed = untimed[untimed.length - 1];
        const after = rs.filter(
          (x) => plausibleDeviceTime(x.deviceAt, x.receivedAt) !== null && (!lastUntimed || x.id > lastUntimed.id),
        );
        const expected =
          after.length > 0
            ? after.reduce((a, b) => (b.deviceAt!.getTime() >= a.deviceAt!.getTime() ? b : a))
            : lastUntimed;
        expect(latestOf(rs)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
  it("one result is both first and latest; the input order does not matter", () => {
    fc.assert(
      fc.property(results, (rs) => {
        if (rs.length === 1) expect(firstOf(rs)).toBe(latestOf(rs));
        expect(latestOf([...rs].reverse())).toBe(latestOf(rs));
        expect(firstOf([...rs].reverse())).toBe(firstOf(rs));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("firstOf (closed form)", () => {
  it("is the first arrival when it has no plausible time, else the earliest plausible device time", () => {
    fc.assert(
      fc.property(results, (rs) => {
        const p = (x: Ordered) => plausibleDeviceTime(x.deviceAt, x.receivedAt);
        const expected =
          p(rs[0]!) === null
            ? rs[0]
            : rs.filter((x) => p(x) !== null).reduce((a, b) => (b.deviceAt!.getTime() < a.deviceAt!.getTime() ? b : a));
        expect(firstOf(rs)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
