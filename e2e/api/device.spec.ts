import { expect, test } from "@playwright/test";
import { fwResult, swResult, swState, uniqueId } from "../support/campaign";
import { getJson, send } from "../support/http";
import { computeTruth } from "../support/truth";

// GET /api/devices/{deviceId}: every task and push of one device, oldest first.

type History = {
  deviceId: string;
  tasks: {
    operationId: string;
    kind: string;
    outcome: string;
    attempts: number;
    failedAttempts: number;
    errorCode: string | null;
    curVersion: string | null;
  }[];
  events: {
    id: number;
    receivedAt: string;
    operationId: string;
    event: string;
    result: string | null;
    state: string | null;
    notifyType: string;
  }[];
  eventsTotal: number;
  eventsLimit: number;
};

const prefix = uniqueId("device");
// Slash, space, non-ASCII and markup: the id must travel as one path segment and come back as text.
const device = `${prefix}/ü <b>x</b>?#%`;
const a = `${prefix}-a`;
const b = `${prefix}-b`;
const t0 = Date.now() - 600_000;
const sends = [
  swState(a, device, "downloading"),
  swResult(a, device, { ok: false, at: t0, code: "5" }),
  swState(a, device, "downloading"),
  swResult(a, device, { ok: true, at: t0 + 60_000 }),
  fwResult(b, device, { ok: false, at: t0 + 120_000, statusDesc: "download timeout" }),
  swState(a, `${prefix}-other`, "downloading"),
];

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

test("lists the device's tasks and every push in arrival order", async ({ request }) => {
  const h = await getJson<History>(request, `/api/devices/${encodeURIComponent(device)}`);
  expect(h.deviceId).toBe(device);
  const truth = computeTruth(sends.filter((s) => s.deviceId === device));
  expect(h.tasks.map((t) => t.operationId)).toEqual([a, b]);
  for (const t of h.tasks) {
    const d = truth.get(t.operationId)!.devices.get(device)!;
    expect(t).toMatchObject({
      outcome: d.outcome,
      attempts: d.attempts.length,
      failedAttempts: d.attempts.filter((x) => !x.ok).length,
    });
  }
  expect(h.tasks[1]).toMatchObject({ kind: "firmware", errorCode: "download timeout", curVersion: "FW1" });
  // Exact repeats (the second identical "downloading") are stored once.
  const mine = [...new Map(sends.filter((s) => s.deviceId === device).map((s) => [JSON.stringify(s), s])).values()];
  expect(h.eventsTotal).toBe(mine.length);
  expect(h.events.map((e) => [e.operationId, e.notifyType])).toEqual(mine.map((s) => [s.operationId, s.notifyType]));
  const times = h.events.map((e) => Date.parse(e.receivedAt));
  expect(times).toEqual([...times].sort((x, y) => x - y));
  expect(h.events.filter((e) => e.event === "result").map((e) => e.result)).toEqual(["FAIL", "SUCCESS", "FAIL"]);
});

test("unknown device answers 404; an over-long id answers 400", async ({ request }) => {
  const res = await request.get(`/api/devices/${encodeURIComponent(`${prefix}-missing`)}`);
  expect(res.status()).toBe(404);
  expect(await res.json()).toEqual({
    error: { code: "not_found", message: `No notification for deviceId "${prefix}-missing" has been received.` },
  });
  const long = await request.get(`/api/devices/${"x".repeat(300)}`);
  expect(long.status()).toBe(400);
  expect((await long.json()).error).toMatchObject({ code: "invalid_query", details: [{ field: "deviceId" }] });
});
