import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyWebhook } from "@/lib/alerts/sign";
import { swResult, swState } from "../fixtures/pushes";
import { createThrowawayDatabase, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import { api, postAll, startAlertApp } from "./support/app";
import { startRecorder, waitFor, type Recorder } from "./support/recorder";

// The built app (`npm start`) on PostgreSQL with its background evaluator and outbox, against a real
// HTTP receiver the test controls.
let db: ThrowawayDatabase;
let app: RunningServer;
let recorder: Recorder;
beforeAll(async () => {
  db = await createThrowawayDatabase("um_alerts");
  recorder = await startRecorder((n) => (n === 1 ? 500 : 200));
  app = await startAlertApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await recorder?.close();
  await db?.drop();
});

const fails = (operationId: string, n: number) =>
  Array.from({ length: n }, () => swResult({ operationId, swUpgradeResult: "FAIL" }));
const oks = (operationId: string, n: number) =>
  Array.from({ length: n }, () => swResult({ operationId, swUpgradeResult: "SUCCESS", curVersion: "V1.2.0" }));

it("a campaign crossing a failure threshold fires once (delivered once after a 500) and resolves once", async () => {
  const ch = await api<{ id: number; hasSecret: boolean }>(app.url, "POST", "/api/alerts/channels", {
    name: "ops",
    type: "webhook",
    url: `${recorder.url}/hook`,
    secret: "whsec_test",
  });
  expect(ch.status).toBe(201);
  const rule = await api(app.url, "POST", "/api/alerts/rules", {
    name: "bad rollout",
    kind: "failure_rate",
    threshold: 0.2,
    minResults: 10,
    operationId: "op-campaign",
    channelIds: [ch.json.id],
  });
  expect(rule.status).toBe(201);

  await postAll(app.url, [...oks("op-campaign", 7), ...fails("op-campaign", 2)]); // 9 results: below minResults
  const crossedAt = Date.now();
  await postAll(app.url, fails("op-campaign", 1)); // 3 of 10
  await waitFor(() => recorder.delivered("alert.fired").length > 0, 10_000, "the firing to be delivered");
  const latency = Date.now() - crossedAt;
  await postAll(app.url, fails("op-campaign", 5)); // still above: must not fire again
  await new Promise((r) => setTimeout(r, 1_500));
  expect(recorder.requests.filter((r) => r.body.includes("alert.fired")).map((r) => r.answer)).toEqual([500, 200]);
  const [fired] = recorder.delivered("alert.fired");
  expect(
    verifyWebhook(
      "whsec_test",
      fired!.body,
      String(fired!.headers["x-upgrade-monitor-signature"]),
      Math.floor(Date.now() / 1000),
    ),
  ).toBe(true);
  expect(JSON.parse(fired!.body)).toMatchObject({
    event: "alert.fired",
    operationId: "op-campaign",
    figures: { failed: 3, withResult: 10 },
    url: "https://monitor.example.com/tasks/op-campaign",
  });

  await postAll(app.url, oks("op-campaign", 60)); // 8 of 75
  await waitFor(() => recorder.delivered("alert.resolved").length > 0, 10_000, "the resolution to be delivered");
  await new Promise((r) => setTimeout(r, 1_500));
  expect(recorder.delivered("alert.resolved")).toHaveLength(1);
  expect(recorder.delivered("alert.fired")).toHaveLength(1);

  const firings = await api<{
    firings: { resolvedAt: string | null; deliveries: { status: string; attempts: number }[] }[];
  }>(app.url, "GET", "/api/alerts/firings");
  expect(firings.json.firings).toHaveLength(1);
  expect(firings.json.firings[0]!.resolvedAt).not.toBeNull();
  expect(firings.json.firings[0]!.deliveries.map((d) => [d.status, d.attempts])).toEqual([
    ["delivered", 2],
    ["delivered", 1],
  ]);
  console.log(`[alerts test] threshold crossed → firing delivered (with one retry) in ${latency} ms`);
}, 60_000);

it("callback silence fires when pushes stop while a task is in progress, and resolves when they resume", async () => {
  const rec = await startRecorder();
  try {
    const ch = await api<{ id: number }>(app.url, "POST", "/api/alerts/channels", {
      name: "silence",
      type: "slack",
      url: `${rec.url}/slack`,
    });
    await api(app.url, "POST", "/api/alerts/rules", {
      name: "platform silent",
      kind: "callback_silence",
      minutes: 0.05,
      channelIds: [ch.json.id],
    });
    await postAll(app.url, [swState({ operationId: "op-silence" })]); // a device in progress
    await waitFor(
      () => rec.requests.some((r) => r.body.includes("[FIRING] platform silent")),
      15_000,
      "the silence alert",
    );
    await postAll(app.url, [swState({ operationId: "op-silence-2" })]);
    await waitFor(
      () => rec.requests.some((r) => r.body.includes("[RESOLVED] platform silent")),
      10_000,
      "the silence resolution",
    );
    expect(rec.requests.filter((r) => r.body.includes("[FIRING] platform silent"))).toHaveLength(1);
    expect(JSON.parse(rec.requests[0]!.body)).toEqual({
      text: expect.stringContaining("no push accepted for 0.05 min"),
    });
  } finally {
    await rec.close();
  }
});

it("quarantine spike fires once for refused requests", async () => {
  const rec = await startRecorder();
  try {
    const ch = await api<{ id: number }>(app.url, "POST", "/api/alerts/channels", {
      name: "spike",
      type: "wecom",
      url: `${rec.url}/wecom`,
    });
    await api(app.url, "POST", "/api/alerts/rules", {
      name: "probing",
      kind: "quarantine_spike",
      minRequests: 3,
      minutes: 5,
      channelIds: [ch.json.id],
    });
    for (let i = 0; i < 4; i++) await fetch(`${app.url}/api/callback`, { method: "POST", body: "{not json" });
    await waitFor(() => rec.requests.length > 0, 10_000, "the spike alert");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(rec.requests).toHaveLength(1);
    expect(JSON.parse(rec.requests[0]!.body).markdown.content).toContain("4 refused requests in the last 5 min");
  } finally {
    await rec.close();
  }
});

it("the API validates, never shows secrets, and answers 404 for unknown ids", async () => {
  const bad = await api<{ error: { code: string; details: { field: string }[] } }>(
    app.url,
    "POST",
    "/api/alerts/rules",
    { name: "x", kind: "failure_rate", minResults: 5 },
  );
  expect(bad.status).toBe(422);
  expect(bad.json.error.code).toBe("invalid_body");
  expect(bad.json.error.details.map((d) => d.field)).toContain("threshold");
  expect((await api(app.url, "POST", "/api/alerts/channels", "{oops")).status).toBe(400);
  expect(
    (
      await api(app.url, "POST", "/api/alerts/rules", {
        name: "x",
        kind: "failure_rate",
        threshold: 0.5,
        channelIds: [99999],
      })
    ).status,
  ).toBe(422);
  expect((await api(app.url, "PATCH", "/api/alerts/rules/99999", { name: "y" })).status).toBe(404);
  expect((await api(app.url, "DELETE", "/api/alerts/channels/abc")).status).toBe(404);

  const created = await api<Record<string, unknown>>(app.url, "POST", "/api/alerts/channels", {
    name: "secret",
    type: "dingtalk",
    url: "https://oapi.dingtalk.com/robot/send?access_token=TOPSECRET",
    secret: "SECxyz",
  });
  const listed = await api(app.url, "GET", "/api/alerts/channels");
  for (const text of [JSON.stringify(created.json), JSON.stringify(listed.json)]) {
    expect(text).not.toContain("TOPSECRET");
    expect(text).not.toContain("SECxyz");
  }
  expect(created.json).toMatchObject({ type: "dingtalk", hasSecret: true, urlHint: "https://oapi.dingtalk.com/…" });
  const patched = await api(app.url, "PATCH", `/api/alerts/channels/${String(created.json.id)}`, { name: "renamed" });
  expect(patched.json).toMatchObject({ name: "renamed", hasSecret: true });
  expect(app.output()).not.toContain("TOPSECRET");
  expect(app.output()).not.toContain("whsec_test");
});
