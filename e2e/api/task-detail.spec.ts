import { expect, test } from "@playwright/test";
import { firmwareCampaign, softwareCampaign, uniqueId } from "../support/campaign";
import { getJson, send } from "../support/http";
import { errorCodeCounts, successRate, taskTruth, type TaskTruth } from "../support/truth";

// GET /api/tasks/{operationId}: headline, timeline, transitions and error codes against the truth.

type Detail = {
  task: Record<string, number | string | null>;
  timeline: { bucket: string; points: { at: string; succeeded: number; failed: number }[] };
  transitions: {
    sourceVersion: string | null;
    targetVersion: string | null;
    devices: number;
    succeeded: number;
    failed: number;
    inProgress: number;
    successRate: number | null;
    successNotOnTarget: number;
    failOnTarget: number;
    leftOn: { curVersion: string | null; devices: number }[];
  }[];
  errorCodes: { errorCode: string | null; description: string | null; devices: number; share: number }[];
};

const prefix = uniqueId("detail");
const sw = `${prefix}-sw`;
const fw = `${prefix}-fw`;
const sends = [...softwareCampaign(sw, { devices: 24, devicePrefix: `${prefix}-d` }), ...firmwareCampaign(fw)];
const swTruth = taskTruth(sends, sw);
const fwTruth = taskTruth(sends, fw);

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

function expectHeadline(detail: Detail, t: TaskTruth) {
  const devices = [...t.devices.values()];
  const withResult = devices.filter((d) => d.first);
  const firstOk = withResult.filter((d) => d.first!.ok).length;
  expect(detail.task).toMatchObject({
    operationId: t.operationId,
    devices: t.devices.size,
    succeeded: t.count("succeeded"),
    failed: t.count("failed"),
    inProgress: t.count("in_progress"),
    notifications: t.notifications,
    successRate: successRate(t),
    devicesWithResult: withResult.length,
    firstAttemptSucceeded: firstOk,
    firstAttemptSuccessRate: withResult.length ? firstOk / withResult.length : null,
    recovered: devices.filter((d) => d.outcome === "succeeded" && d.attempts.some((a) => !a.ok)).length,
  });
  expect(typeof detail.task.lastResultAt).toBe("string");
  // Every result attempt (not every device) lands in one bucket.
  const attempts = devices.flatMap((d) => d.attempts);
  const sum = (k: "succeeded" | "failed") => detail.timeline.points.reduce((s, p) => s + p[k], 0);
  expect(sum("succeeded")).toBe(attempts.filter((a) => a.ok).length);
  expect(sum("failed")).toBe(attempts.filter((a) => !a.ok).length);
  expect(detail.timeline.bucket).toBe("hour");
}

test("software task: headline numbers and timeline", async ({ request }) => {
  expectHeadline(await getJson<Detail>(request, `/api/tasks/${sw}`), swTruth);
});

test("software task: transitions, where failures were left, contradictions", async ({ request }) => {
  const detail = await getJson<Detail>(request, `/api/tasks/${sw}`);
  const groups = new Map<string, Detail["transitions"][number]>();
  for (const d of swTruth.devices.values()) {
    if (!d.latest) continue;
    const b = d.latest.body;
    const key = `${b.sourceVersion}→${b.targetVersion}`;
    const g = groups.get(key) ?? {
      sourceVersion: b.sourceVersion as string,
      targetVersion: b.targetVersion as string,
      devices: 0,
      succeeded: 0,
      failed: 0,
      inProgress: 0,
      successRate: null,
      successNotOnTarget: 0,
      failOnTarget: 0,
      leftOn: [],
    };
    g.devices += 1;
    if (d.outcome === "succeeded") g.succeeded += 1;
    if (d.outcome === "failed") g.failed += 1;
    if (d.outcome === "in_progress") g.inProgress += 1;
    if (d.latest.ok && b.curVersion !== b.targetVersion) g.successNotOnTarget += 1;
    if (!d.latest.ok && b.curVersion === b.targetVersion) g.failOnTarget += 1;
    if (d.outcome === "failed") {
      const left = g.leftOn.find((l) => l.curVersion === b.curVersion);
      if (left) left.devices += 1;
      else g.leftOn.push({ curVersion: b.curVersion as string, devices: 1 });
    }
    groups.set(key, g);
  }
  expect(detail.transitions).toHaveLength(groups.size);
  for (const row of detail.transitions) {
    const g = groups.get(`${row.sourceVersion}→${row.targetVersion}`)!;
    expect(row).toMatchObject({
      devices: g.devices,
      succeeded: g.succeeded,
      failed: g.failed,
      inProgress: g.inProgress,
      successNotOnTarget: g.successNotOnTarget,
      failOnTarget: g.failOnTarget,
    });
    expect(row.successRate).toBe(g.succeeded + g.failed ? g.succeeded / (g.succeeded + g.failed) : null);
    const sortLeft = (l: { curVersion: string | null; devices: number }[]) =>
      [...l].sort((a, b) => String(a.curVersion).localeCompare(String(b.curVersion)));
    expect(sortLeft(row.leftOn)).toEqual(sortLeft(g.leftOn));
    expect(row.successNotOnTarget + row.failOnTarget).toBeGreaterThan(0);
  }
});

test("software task: error codes with share and most common description", async ({ request }) => {
  const detail = await getJson<Detail>(request, `/api/tasks/${sw}`);
  const counts = errorCodeCounts(swTruth);
  const failed = swTruth.count("failed");
  expect(new Map(detail.errorCodes.map((c) => [c.errorCode, c.devices]))).toEqual(counts);
  for (const c of detail.errorCodes) expect(c.share).toBeCloseTo(c.devices / failed, 10);
  expect(detail.errorCodes.find((c) => c.errorCode === "5")?.description).toBe("insufficient storage space");
  // Sorted by devices, biggest first.
  expect(detail.errorCodes.map((c) => c.devices)).toEqual(
    [...detail.errorCodes.map((c) => c.devices)].sort((a, b) => b - a),
  );
});

test("firmware task: failures grouped by statusDesc", async ({ request }) => {
  const detail = await getJson<Detail>(request, `/api/tasks/${fw}`);
  expectHeadline(detail, fwTruth);
  expect(detail.task.kind).toBe("firmware");
  expect(new Map(detail.errorCodes.map((c) => [c.errorCode, c.devices]))).toEqual(
    new Map([
      ["download timeout", 2],
      ["integrity check failure", 1],
    ]),
  );
  expect(errorCodeCounts(fwTruth)).toEqual(
    new Map([
      ["download timeout", 2],
      ["integrity check failure", 1],
    ]),
  );
});

test("unknown task answers 404 with the envelope", async ({ request }) => {
  for (const path of [
    `/api/tasks/${prefix}-nope`,
    `/api/tasks/${prefix}-nope/devices`,
    `/api/tasks/${prefix}-nope/failed.csv`,
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    const body = await res.json();
    expect(body).toEqual({
      error: { code: "not_found", message: `No task with operationId "${prefix}-nope" has been received.` },
    });
  }
});
