import { rm } from "node:fs/promises";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AlertConfig } from "@/lib/alerts/config";
import { createChannel } from "@/lib/alerts/channels";
import { evaluateChangedTasks } from "@/lib/alerts/evaluate";
import { runOutboxOnce } from "@/lib/alerts/outbox";
import { createRule } from "@/lib/alerts/rules";
import { verifyWebhook } from "@/lib/alerts/sign";
import { setDb } from "@/lib/db";
import { openDatabase, type Database } from "@/lib/db/client";
import { freshPgliteDir } from "../support/servers";
import { storeResults } from "./support/ingest";
import { startRecorder, type Recorder } from "./support/recorder";

// The evaluator and the outbox on the embedded database, in one process, against a real HTTP receiver
// and a real SMTP server: the same statements (data-modifying CTEs, FOR UPDATE SKIP LOCKED) as on
// PostgreSQL.
const dir = freshPgliteDir();
let db: Database;
let recorder: Recorder;
let smtp: SMTPServer;
const mails: { to: string[]; text: string }[] = [];
const cfg: AlertConfig = {
  ALERTS_RETRY_BASE_MS: 50,
  ALERTS_RETRY_MAX_MS: 200,
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
  recorder = await startRecorder((n) => (n === 1 ? 500 : 200));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let text = "";
      stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String((smtp.server.address() as { port: number }).port);
  process.env.SMTP_FROM = "alerts@example.com";
});
afterAll(async () => {
  await recorder?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  setDb(undefined);
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const drain = async () => {
  for (let i = 0; i < 20 && (await db.prisma.alertDelivery.count({ where: { status: "pending" } })) > 0; i++) {
    await runOutboxOnce(db.prisma, cfg);
    await new Promise((r) => setTimeout(r, 120));
  }
};

it("fires once, retries a 500, emails, and resolves once on PGlite", async () => {
  const hook = await createChannel({
    name: "ops hook",
    type: "webhook",
    url: `${recorder.url}/hook`,
    secret: "s3cret",
    recipients: [],
  });
  const mail = await createChannel({
    name: "ops mail",
    type: "email",
    url: null,
    secret: null,
    recipients: ["oncall@example.com"],
  });
  const rule = await createRule({
    name: "bad rollout",
    kind: "failure_rate",
    enabled: true,
    threshold: 0.2,
    minResults: 10,
    channelIds: [hook.id, mail.id],
    operationId: "op-pglite",
  });
  expect(rule.channelIds).toEqual([hook.id, mail.id]);

  await storeResults(db.prisma, "op-pglite", 2, 6); // 8 results: below minResults
  expect((await evaluateChangedTasks(db.prisma, null)).fired).toBe(0);
  await storeResults(db.prisma, "op-pglite", 1, 1); // 3 of 10 = 30 %
  expect((await evaluateChangedTasks(db.prisma, null)).fired).toBe(1);
  await storeResults(db.prisma, "op-pglite", 3, 0); // still true: no second firing
  expect((await evaluateChangedTasks(db.prisma, null)).fired).toBe(0);
  expect(await db.prisma.alertFiring.count()).toBe(1);

  await drain();
  const fired = recorder.delivered("alert.fired");
  expect(recorder.requests.filter((r) => r.body.includes("alert.fired")).map((r) => r.answer)).toEqual([500, 200]);
  expect(fired).toHaveLength(1);
  const body = JSON.parse(fired[0]!.body) as Record<string, unknown>;
  expect(body).toMatchObject({
    event: "alert.fired",
    operationId: "op-pglite",
    url: "https://monitor.example.com/tasks/op-pglite",
    figures: { failed: 3, withResult: 10, rate: 0.3 },
  });
  expect(
    verifyWebhook(
      "s3cret",
      fired[0]!.body,
      String(fired[0]!.headers["x-upgrade-monitor-signature"]),
      Math.floor(Date.now() / 1000),
    ),
  ).toBe(true);
  expect(
    verifyWebhook(
      "wrong",
      fired[0]!.body,
      String(fired[0]!.headers["x-upgrade-monitor-signature"]),
      Math.floor(Date.now() / 1000),
    ),
  ).toBe(false);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.to).toEqual(["oncall@example.com"]);
  expect(mails[0]!.text).toContain("[FIRING] bad rollout");
  const deliveries = await db.prisma.alertDelivery.findMany({ orderBy: { id: "asc" } });
  expect(deliveries.map((d) => [d.status, d.attempts])).toEqual([
    ["delivered", 2],
    ["delivered", 1],
  ]);

  await storeResults(db.prisma, "op-pglite", 0, 40); // 6 of 50 = 12 %
  expect((await evaluateChangedTasks(db.prisma, null)).resolved).toBe(1);
  expect((await evaluateChangedTasks(db.prisma, null)).resolved).toBe(0);
  await drain();
  expect(recorder.delivered("alert.resolved")).toHaveLength(1);
  expect(mails).toHaveLength(2);
  expect((await db.prisma.alertFiring.findFirstOrThrow()).resolvedAt).not.toBeNull();
});

it("marks a delivery failed with the last answer once the retry window is over", async () => {
  const down = await startRecorder(() => 503);
  try {
    const ch = await createChannel({
      name: "down",
      type: "slack",
      url: `${down.url}/slack`,
      secret: null,
      recipients: [],
    });
    await createRule({
      name: "any failure",
      kind: "failure_rate",
      enabled: true,
      threshold: 0.01,
      minResults: 1,
      channelIds: [ch.id],
      match: "op-window",
    });
    await storeResults(db.prisma, "op-window-1", 1, 0);
    expect((await evaluateChangedTasks(db.prisma, null)).fired).toBe(1);
    const short = { ...cfg, ALERTS_RETRY_WINDOW_MS: 1_500 };
    for (
      let i = 0;
      i < 100 && (await db.prisma.alertDelivery.count({ where: { status: "pending", channelId: ch.id } })) > 0;
      i++
    ) {
      await runOutboxOnce(db.prisma, short);
      await new Promise((r) => setTimeout(r, 60));
    }
    const d = await db.prisma.alertDelivery.findFirstOrThrow({ where: { channelId: ch.id } });
    expect(d.status).toBe("failed");
    expect(d.lastStatus).toBe(503);
    expect(d.attempts).toBeGreaterThan(1);
    expect(down.requests.length).toBe(d.attempts);
  } finally {
    await down.close();
  }
});
