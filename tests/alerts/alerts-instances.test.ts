import { afterAll, expect, it } from "vitest";
import { swResult } from "../fixtures/pushes";
import { connect } from "../support/db";
import { createThrowawayDatabase, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import { api, postAll, startAlertApp } from "./support/app";
import { startRecorder, waitFor, type Recorder } from "./support/recorder";

// Restarts and horizontal scaling: the outbox lives in the database, so a killed instance's delivery
// is picked up after its lease, and two instances never send the same row twice.
const dbs: ThrowawayDatabase[] = [];
const apps: RunningServer[] = [];
const recorders: Recorder[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop("SIGKILL")));
  await Promise.all(recorders.map((r) => r.close()));
  await Promise.all(dbs.map((d) => d.drop()));
});

const campaign = (operationId: string) => [
  ...Array.from({ length: 4 }, () => swResult({ operationId, swUpgradeResult: "FAIL" })),
  ...Array.from({ length: 6 }, () => swResult({ operationId, swUpgradeResult: "SUCCESS", curVersion: "V1.2.0" })),
];

it("an app killed mid-delivery delivers after restart, once", async () => {
  const db = await createThrowawayDatabase("um_alerts_kill");
  dbs.push(db);
  let killed: Promise<void> | null = null;
  const first = await startAlertApp(db.url);
  apps.push(first);
  const rec = await startRecorder((n) => {
    if (n === 1) {
      killed = first.stop("SIGKILL"); // the app dies while this request is open
      return "hang";
    }
    return 200;
  });
  recorders.push(rec);
  const ch = await api<{ id: number }>(first.url, "POST", "/api/alerts/channels", {
    name: "hook",
    type: "webhook",
    url: `${rec.url}/hook`,
    secret: "k",
  });
  await api(first.url, "POST", "/api/alerts/rules", {
    name: "kill test",
    kind: "failure_rate",
    threshold: 0.3,
    minResults: 10,
    channelIds: [ch.json.id],
  });
  await postAll(first.url, campaign("op-kill"));
  await waitFor(() => killed !== null, 20_000, "the first delivery attempt");
  await killed;

  const second = await startAlertApp(db.url);
  apps.push(second);
  await waitFor(() => rec.delivered("alert.fired").length > 0, 20_000, "the delivery after restart");
  await new Promise((r) => setTimeout(r, 2_000));
  expect(rec.requests.map((r) => r.answer)).toEqual(["hang", 200]);
  const check = await connect(db.url);
  try {
    const rows = await check.prisma.alertDelivery.findMany();
    expect(rows.map((d) => [d.status, d.attempts])).toEqual([["delivered", 2]]);
  } finally {
    await check.close();
  }
}, 120_000);

it("two app instances on one database fire and deliver each alert once", async () => {
  const db = await createThrowawayDatabase("um_alerts_two");
  dbs.push(db);
  const two = await Promise.all([startAlertApp(db.url), startAlertApp(db.url)]);
  apps.push(...two);
  const rec = await startRecorder();
  recorders.push(rec);
  const ch = await api<{ id: number }>(two[0]!.url, "POST", "/api/alerts/channels", {
    name: "hook",
    type: "webhook",
    url: `${rec.url}/hook`,
    secret: "k",
  });
  const ch2 = await api<{ id: number }>(two[1]!.url, "POST", "/api/alerts/channels", {
    name: "chat",
    type: "slack",
    url: `${rec.url}/slack`,
  });
  await api(two[1]!.url, "POST", "/api/alerts/rules", {
    name: "two",
    kind: "failure_rate",
    threshold: 0.3,
    minResults: 10,
    match: "op-two",
    channelIds: [ch.json.id, ch2.json.id],
  });
  await api(two[0]!.url, "POST", "/api/alerts/rules", {
    name: "code 5",
    kind: "error_code",
    errorCode: "5",
    minDevices: 3,
    match: "op-two",
    channelIds: [ch.json.id],
  });
  const tasks = Array.from({ length: 6 }, (_, i) => `op-two-${i}`);
  // Each task's pushes alternate between the two instances.
  const bodies = tasks.flatMap(campaign);
  await Promise.all([
    postAll(
      two[0]!.url,
      bodies.filter((_, i) => i % 2 === 0),
    ),
    postAll(
      two[1]!.url,
      bodies.filter((_, i) => i % 2 === 1),
    ),
  ]);

  const expected = tasks.length * 3; // per task: failure_rate to 2 channels + error_code to 1
  await waitFor(() => rec.requests.length >= expected, 20_000, `${expected} deliveries`);
  await new Promise((r) => setTimeout(r, 3_000));
  expect(rec.requests).toHaveLength(expected);
  const perTarget = new Set(
    rec.requests.map(
      (r) =>
        `${r.url} ${r.body
          .match(/task (op-two-\d)|"operationId":"(op-two-\d)"/)
          ?.slice(1)
          .join("")} ${r.body.includes("code 5") ? "code" : "rate"}`,
    ),
  );
  expect(perTarget.size).toBe(expected);
  const check = await connect(db.url);
  try {
    expect(await check.prisma.alertFiring.count()).toBe(tasks.length * 2);
    const rows = await check.prisma.alertDelivery.findMany();
    expect(rows.every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
  } finally {
    await check.close();
  }
}, 120_000);
