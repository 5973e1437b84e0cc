import { describe, expect, inject, it } from "vitest";
import { fwResult, fwState, ids, post, swResult, swState } from "../fixtures/pushes";

// The receiver's answers, the same on both database kinds, over real HTTP against `next start`.
describe.each([
  ["postgresql via npm start (lean callback path)", () => inject("pgServerUrl")],
  ["pglite via next start (route handler)", () => inject("pgliteServerUrl")],
])("POST /api/callback on %s", (kind, base) => {
  it("health names the database kind and how far the views are behind the log", async () => {
    const res = await fetch(`${base()}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { projection: Record<string, unknown> };
    expect(body).toMatchObject({ status: "ok", database: kind.split(" ")[0] });
    expect(Object.keys(body.projection).sort()).toEqual([
      "asOf",
      "lagSeconds",
      "lastFoldAt",
      "parkedEvents",
      "pendingEvents",
      "projectedEvents",
    ]);
    expect(body.projection.pendingEvents).toBeGreaterThanOrEqual(0);
    expect(body.projection.parkedEvents).toBe(0);
  });

  it.each([
    ["swUpgradeResultNotify", swResult],
    ["fwUpgradeResultNotify", fwResult],
    ["swUpgradeStateChangeNotify", swState],
    ["fwUpgradeStateChangeNotify", fwState],
  ])("stores a %s", async (_type, make) => {
    const res = await post(base(), make());
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "stored", id: expect.any(Number) });
  });

  it("answers an exact repeat as a duplicate of the first, whatever the key order and spacing", async () => {
    const push = swResult();
    const first = await post(base(), push);
    const reordered = Object.fromEntries(Object.entries(push).reverse());
    const again = await post(base(), `\n  ${JSON.stringify(reordered, null, 4)}  `);
    expect(first.json.status).toBe("stored");
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ status: "duplicate", id: first.json.id });
  });

  it("stores the same notification sent 20 times at once exactly once", async () => {
    const push = fwResult();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(base(), push)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const stored = answers.filter((a) => a.json.status === "stored");
    expect(stored).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json.id))).toEqual(new Set([stored[0]!.json.id]));
  });

  it("accepts results in any case and numeric upgrade times", async () => {
    expect((await post(base(), swResult({ swUpgradeResult: "success", upgradeTime: 1234 }))).json.status).toBe(
      "stored",
    );
    expect((await post(base(), fwResult({ status: "Fail", upgradeTime: "2024-01-15T09:15:47Z" }))).json.status).toBe(
      "stored",
    );
  });

  it("stores a push with wrong-typed documented fields (warnings, not a refusal)", async () => {
    const res = await post(
      base(),
      swResult({ errorCode: 5, curVersion: { v: 1 }, upgradeTime: "sometime", extra: [1, 2] }),
    );
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("stored");
  });

  it("ignores and counts a notifyType that is not an upgrade push", async () => {
    const res = await post(base(), { notifyType: "deviceDataChanged", ...ids(), service: {} });
    expect(res).toMatchObject({ status: 200, json: { status: "ignored" } });
  });

  it.each([
    ["not JSON", "{not json", 400, "invalid_json", "(body)"],
    ["empty body", "", 400, "invalid_json", "(body)"],
    ["a JSON array", "[1,2]", 422, "invalid_notification", "(body)"],
    ["a JSON string", '"hello"', 422, "invalid_notification", "(body)"],
    ["no notifyType", JSON.stringify({ deviceId: "d", operationId: "o" }), 422, "invalid_notification", "notifyType"],
    ["empty deviceId", JSON.stringify(swResult({ deviceId: "" })), 422, "invalid_notification", "deviceId"],
    [
      "missing operationId",
      JSON.stringify(swResult({ operationId: undefined })),
      422,
      "invalid_notification",
      "operationId",
    ],
    ["numeric deviceId", JSON.stringify(swState({ deviceId: 42 })), 422, "invalid_notification", "deviceId"],
    [
      "result not SUCCESS/FAIL",
      JSON.stringify(swResult({ swUpgradeResult: "MAYBE" })),
      422,
      "invalid_notification",
      "swUpgradeResult",
    ],
    [
      "firmware result missing status",
      JSON.stringify(fwResult({ status: undefined })),
      422,
      "invalid_notification",
      "status",
    ],
    [
      "nested 40 levels deep",
      JSON.stringify(swResult({ x: JSON.parse("[".repeat(40) + "]".repeat(40)) })),
      422,
      "invalid_notification",
      "(body)",
    ],
  ])("refuses %s with %i %s", async (_name, body, status, code, field) => {
    const res = await post(base(), body);
    expect(res.status).toBe(status);
    expect(res.json).toEqual({
      error: {
        code,
        message: expect.any(String),
        details: expect.arrayContaining([expect.objectContaining({ field, problem: expect.any(String) })]),
      },
    });
  });

  it("refuses invalid UTF-8 with 400 invalid_encoding", async () => {
    const res = await fetch(`${base()}/api/callback`, {
      method: "POST",
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_encoding");
  });

  it("refuses a body over 64 KiB with 413, with and without Content-Length", async () => {
    const big = JSON.stringify(swResult({ description: "x".repeat(70_000) }));
    const withLength = await post(base(), big);
    expect(withLength.status).toBe(413);
    expect(withLength.json).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
    const chunked = await fetch(`${base()}/api/callback`, {
      method: "POST",
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(8192).fill(97));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("answers other methods with 405", async () => {
    expect((await fetch(`${base()}/api/callback`)).status).toBe(405);
  });
});
