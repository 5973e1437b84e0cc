import { rm } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AlertConfig } from "@/lib/alerts/config";
import { createChannel } from "@/lib/alerts/channels";
import { evaluateChangedTasks } from "@/lib/alerts/evaluate";
import { runOutboxOnce } from "@/lib/alerts/outbox";
import { createRule } from "@/lib/alerts/rules";
import { setDb } from "@/lib/db";
import { openDatabase, type Database } from "@/lib/db/client";
import { freshPgliteDir } from "../support/servers";
import { storeResults } from "./support/ingest";
import { startRecorder, type Recorder } from "./support/recorder";

// A receiver that refuses the first two "fired" messages (500) sees the "resolved" of the same alert
// only after the "fired" went through: one alert's messages to one channel keep their order.
const dir = freshPgliteDir();
let db: Database;
let recorder: Recorder;
let firedSeen = 0;
const cfg: AlertConfig = {
  ALERTS_RETRY_BASE_MS: 300,
  ALERTS_RETRY_MAX_MS: 600,
  ALERTS_RETRY_WINDOW_MS: 60_000,
  ALERTS_SEND_TIMEOUT_MS: 2_000,
  ALERTS_EVAL_INTERVAL_MS: 1_000,
  ALERTS_SCHEDULE_INTERVAL_MS: 1_000,
  ALERTS_OUTBOX_INTERVAL_MS: 1_000,
  ALERTS_WORKERS: "0",
  PUBLIC_URL: "https://monitor.example.com",
};

beforeAll(async () => {
  db = await openDatabase({ pgliteDir: dir });
  setDb(db);
  recorder = await startRecorder((_n, body) => (body.includes('"alert.fired"') && ++firedSeen <= 2 ? 500 : 200));
});
afterAll(async () => {
  await recorder?.close();
  setDb(undefined);
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

it("sends an alert's resolution to a channel only after its firing was delivered", async () => {
  const hook = await createChannel({
    name: "hook",
    type: "webhook",
    url: `${recorder.url}/hook`,
    secret: "s",
    recipients: [],
  });
  const other = await createChannel({
    name: "other",
    type: "slack",
    url: `${recorder.url}/other`,
    secret: null,
    recipients: [],
  });
  await createRule({
    name: "order",
    kind: "failure_rate",
    enabled: true,
    threshold: 0.5,
    minResults: 2,
    channelIds: [hook.id],
    operationId: "op-order",
  });
  await createRule({
    name: "elsewhere",
    kind: "failure_rate",
    enabled: true,
    threshold: 0.5,
    minResults: 2,
    channelIds: [other.id],
    operationId: "op-other",
  });
  await storeResults(db.prisma, "op-order", 2, 0);
  await storeResults(db.prisma, "op-other", 2, 0);
  expect((await evaluateChangedTasks(db.prisma, null)).fired).toBe(2);
  await runOutboxOnce(db.prisma, cfg); // the hook's "fired" answers 500; the other channel is not held up
  await storeResults(db.prisma, "op-order", 0, 8);
  expect((await evaluateChangedTasks(db.prisma, null)).resolved).toBe(1);
  for (let i = 0; i < 40 && (await db.prisma.alertDelivery.count({ where: { status: "pending" } })) > 0; i++) {
    await runOutboxOnce(db.prisma, cfg);
    await new Promise((r) => setTimeout(r, 100));
  }
  const hookEvents = recorder.requests
    .filter((r) => r.url === "/hook")
    .map((r) => `${JSON.parse(r.body).event} ${r.answer}`);
  expect(hookEvents).toEqual(["alert.fired 500", "alert.fired 500", "alert.fired 200", "alert.resolved 200"]);
  expect(recorder.requests.filter((r) => r.url === "/other").map((r) => r.answer)).toEqual([200]);
});
