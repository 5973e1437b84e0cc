import { expect, it } from "vitest";
import { ChannelInputSchema, RuleInputSchema } from "./alerts";

const problems = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

it("refuses the count field a kind does not use instead of storing it in place of the right one", () => {
  // Was accepted, and minDevices (3) was stored as the spike's minRequests (5).
  const spike = RuleInputSchema.safeParse({
    name: "x",
    kind: "quarantine_spike",
    minRequests: 5,
    minutes: 5,
    minDevices: 3,
  });
  expect(problems(spike)).toEqual(["minDevices: quarantine_spike counts requests: use minRequests"]);
  const stale = RuleInputSchema.safeParse({
    name: "x",
    kind: "stale_devices",
    minDevices: 5,
    minutes: 5,
    minRequests: 9,
  });
  expect(problems(stale)).toEqual(["minRequests: only quarantine_spike uses minRequests"]);
  expect(
    RuleInputSchema.safeParse({ name: "x", kind: "quarantine_spike", minRequests: 5, minutes: 5, minDevices: null })
      .success,
  ).toBe(true);
});

it("refuses channel ids past PostgreSQL's int (was a 500 from the database)", () => {
  const r = RuleInputSchema.safeParse({ name: "x", kind: "failure_rate", threshold: 0.2, channelIds: [3_000_000_000] });
  expect(problems(r)).toEqual(["channelIds.0: no such channel"]);
  expect(
    RuleInputSchema.safeParse({ name: "x", kind: "failure_rate", threshold: 0.2, channelIds: [2_147_483_647] }).success,
  ).toBe(true);
});

it("refuses a URL with a user name or password (fetch would refuse it on every retry)", () => {
  const r = ChannelInputSchema.safeParse({
    name: "x",
    type: "webhook",
    url: "http://user:pw@127.0.0.1:9/x",
    secret: "s",
  });
  expect(problems(r)).toEqual(["url: must not carry a user name or password"]);
  expect(ChannelInputSchema.safeParse({ name: "x", type: "slack", url: "https://h.example/x?to=a@b" }).success).toBe(
    true,
  );
});
