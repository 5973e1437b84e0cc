import { describe, expect, inject, it } from "vitest";
import { fwResult, ids, post, swResult } from "../fixtures/pushes";

// Sections 2–4 of "numbers an operator can trust", over real HTTP on PostgreSQL and PGlite: values
// kept as sent, warnings shown and counted, one decode of ids in titles, 405 with Allow, and error
// codes that explain themselves (documented meanings, and operators' own).

async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}
type Meaning = { text: string; source: string } | null;
interface History {
  tasks: { errorCode: string | null; errorMeaning: Meaning }[];
  events: {
    errorCode: string | null;
    curVersion: string | null;
    errorMeaning: Meaning;
    warnings: { field: string; problem: string }[];
  }[];
}
interface Detail {
  errorCodes: { errorCode: string | null; meaning: Meaning; description: string | null }[];
  warnings: { field: string; problem: string; notifications: number }[];
}
interface Devices {
  items: { errorCode: string | null; curVersion: string | null; errorMeaning: Meaning }[];
}

describe.each([
  ["PostgreSQL", () => inject("pgServerUrl")],
  ["PGlite", () => inject("pgliteServerUrl")],
])("values kept as sent, warnings shown (%s)", (_db, base) => {
  it('"errorCode": 12345678901234567891 and "curVersion": 1.50 are stored, shown and exported digit for digit', async () => {
    const who = ids();
    const text = JSON.stringify(swResult({ ...who, errorCode: "@CODE@", curVersion: "@CUR@" }))
      .replace('"@CODE@"', "12345678901234567891")
      .replace('"@CUR@"', "1.50");
    expect((await post(base(), text)).status).toBe(200);
    const op = encodeURIComponent(who.operationId);
    const history = await getJson<History>(base(), `/api/devices/${encodeURIComponent(who.deviceId)}`);
    expect(history.events[0]).toMatchObject({ errorCode: "12345678901234567891", curVersion: "1.50" });
    expect(history.events[0]!.warnings).toEqual(
      expect.arrayContaining([
        { field: "errorCode", problem: "expected a string, got number (stored as text exactly as sent)" },
        { field: "curVersion", problem: "expected a string, got number (stored as text exactly as sent)" },
      ]),
    );
    const devices = await getJson<Devices>(base(), `/api/tasks/${op}/devices`);
    expect(devices.items[0]).toMatchObject({ errorCode: "12345678901234567891", curVersion: "1.50" });
    const csv = await (await fetch(`${base()}/api/tasks/${op}/failed.csv`)).text();
    expect(csv).toContain(",1.50,12345678901234567891,");
    const detail = await getJson<Detail>(base(), `/api/tasks/${op}`);
    expect(detail.errorCodes[0]!.errorCode).toBe("12345678901234567891");
    expect(detail.warnings).toEqual(
      expect.arrayContaining([
        {
          field: "errorCode",
          problem: "expected a string, got number (stored as text exactly as sent)",
          notifications: 1,
        },
        {
          field: "curVersion",
          problem: "expected a string, got number (stored as text exactly as sent)",
          notifications: 1,
        },
      ]),
    );
  });

  it("two pushes differing only beyond float precision are both stored", async () => {
    const who = ids();
    const body = (code: string) =>
      JSON.stringify(swResult({ ...who, subOperationId: "x", errorCode: "@" })).replace('"@"', code);
    const a = await post(base(), body("12345678901234567891"));
    const b = await post(base(), body("12345678901234567892"));
    expect([a.json.status, b.json.status]).toEqual(["stored", "stored"]);
  });

  it("counts warnings per task: a missing documented field on every push of a task", async () => {
    const { operationId } = ids();
    for (let i = 0; i < 3; i++) await post(base(), swResult({ operationId, curVersion: undefined }));
    const detail = await getJson<Detail>(base(), `/api/tasks/${encodeURIComponent(operationId)}`);
    expect(detail.warnings).toContainEqual({ field: "curVersion", problem: "missing", notifications: 3 });
  });
});

describe.each([
  ["PostgreSQL", () => inject("pgServerUrl")],
  ["PGlite", () => inject("pgliteServerUrl")],
])("pages and methods (%s)", (_db, base) => {
  it("a device page's title decodes its id once: dev%41pct is titled Device dev%41pct", async () => {
    const deviceId = `dev%41pct-${Date.now()}`;
    const operationId = `op%41x-${Date.now()}`;
    expect((await post(base(), swResult({ deviceId, operationId }))).status).toBe(200);
    const device = await (await fetch(`${base()}/devices/${encodeURIComponent(deviceId)}`)).text();
    expect(device).toContain(`<title>Device ${deviceId} · Upgrade Monitor</title>`);
    const task = await (await fetch(`${base()}/tasks/${encodeURIComponent(operationId)}`)).text();
    expect(task).toContain(`<title>Task ${operationId} · Upgrade Monitor</title>`);
  });

  it.each(["GET", "PUT", "DELETE", "PATCH"])("%s /api/callback answers 405 with Allow: POST", async (method) => {
    const res = await fetch(`${base()}/api/callback`, { method, body: method === "GET" ? undefined : "{}" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it.each(["/api/tasks", "/api/summary", "/api/health", "/api/quarantine", "/api/failed.csv"])(
    "PUT %s answers 405 with Allow: GET, HEAD",
    async (path) => {
      const res = await fetch(`${base()}${path}`, { method: "PUT", body: "{}" });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    },
  );
});

describe.each([
  ["PostgreSQL", () => inject("pgServerUrl")],
  ["PGlite", () => inject("pgliteServerUrl")],
])("error codes explain themselves (%s)", (_db, base) => {
  it("shows the documented meaning next to a bare code on the headline, the task, the device and the export", async () => {
    const who = ids();
    await post(base(), swResult({ ...who, errorCode: "2", description: "", resultDesc: "" }));
    const op = encodeURIComponent(who.operationId);
    const documented = { text: "poor signal", source: "huawei_ota" };
    const detail = await getJson<Detail>(base(), `/api/tasks/${op}`);
    expect(detail.errorCodes).toEqual([
      expect.objectContaining({ errorCode: "2", description: null, meaning: documented }),
    ]);
    const summary = await getJson<{ topErrorCodes: { errorCode: string; meaning: Meaning }[] }>(
      base(),
      `/api/summary?operationId=${op}`,
    );
    expect(summary.topErrorCodes).toEqual([expect.objectContaining({ errorCode: "2", meaning: documented })]);
    const history = await getJson<History>(base(), `/api/devices/${encodeURIComponent(who.deviceId)}`);
    expect(history.tasks[0]!.errorMeaning).toEqual(documented);
    expect(history.events[0]!.errorMeaning).toEqual(documented);
    expect((await getJson<Devices>(base(), `/api/tasks/${op}/devices`)).items[0]!.errorMeaning).toEqual(documented);
    const csv = await (await fetch(`${base()}/api/tasks/${op}/failed.csv`)).text();
    expect(csv.split("\r\n")[0]).toContain(",errorCode,errorCodeMeaning,");
    expect(csv).toContain(",2,poor signal (documented meaning (Huawei OTA result code)),");
  });

  it("an operator's meaning overrides the documented one, records who and when, and can be removed", async () => {
    const who = ids();
    const code = `9${Date.now() % 100000}`;
    await post(base(), swResult({ ...who, errorCode: code }));
    const op = encodeURIComponent(who.operationId);
    expect((await getJson<Detail>(base(), `/api/tasks/${op}`)).errorCodes[0]!.meaning).toBeNull();
    const put = await fetch(`${base()}/api/error-codes`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "software", code, meaning: "Vendor X: modem busy" }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      kind: "software",
      code,
      meaning: "Vendor X: modem busy",
      updatedBy: "anonymous (sign-in off)",
    });
    expect((await getJson<Detail>(base(), `/api/tasks/${op}`)).errorCodes[0]!.meaning).toEqual({
      text: "Vendor X: modem busy",
      source: "operator",
    });
    const dict = await getJson<{ operator: { code: string; updatedAt: string }[]; documented: unknown[] }>(
      base(),
      "/api/error-codes",
    );
    expect(dict.documented).toHaveLength(24);
    expect(Date.parse(dict.operator.find((e) => e.code === code)!.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const del = await fetch(`${base()}/api/error-codes?kind=software&code=${code}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await getJson<Detail>(base(), `/api/tasks/${op}`)).errorCodes[0]!.meaning).toBeNull();
    expect((await fetch(`${base()}/api/error-codes?kind=software&code=${code}`, { method: "DELETE" })).status).toBe(
      404,
    );
  });

  it("the fleet headline keeps software code 6 and firmware code 6 apart, each with its own list's meaning", async () => {
    const tag = ids().operationId;
    const fw = (n: number) =>
      fwResult({
        ...ids(),
        operationId: `${tag}fw`,
        status: "FAIL",
        statusDesc: "6",
        curVersion: "FW2.0.3",
        deviceId: `${tag}-fw${n}`,
      });
    for (const body of [fw(1), fw(2), swResult({ ...ids(), operationId: `${tag}sw`, errorCode: "6" })])
      expect((await post(base(), body)).status).toBe(200);
    const summary = await getJson<{
      failed: number;
      topErrorCodes: { kind: string; errorCode: string; meaning: Meaning; devices: number }[];
    }>(base(), `/api/summary?operationId=${tag}`);
    expect(summary.failed).toBe(3);
    expect(summary.topErrorCodes.map((c) => [c.kind, c.errorCode, c.meaning?.text, c.devices])).toEqual([
      ["firmware", "6", "unsupported package type", 2],
      ["software", "6", "download timeout", 1],
    ]);
  });

  it("an operator's meaning for a 20-digit code keeps every digit, and is not shown for its neighbour", async () => {
    const who = ids();
    const [mine, neighbour] = ["12345678901234567891", "12345678901234567892"];
    await post(base(), JSON.stringify({ ...swResult(who), errorCode: "@" }).replace('"@"', neighbour));
    const put = await fetch(`${base()}/api/error-codes`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "software", code: mine, meaning: "Vendor Y: 20-digit code" }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ code: mine });
    try {
      const detail = await getJson<Detail>(base(), `/api/tasks/${encodeURIComponent(who.operationId)}`);
      expect(detail.errorCodes.map((c) => [c.errorCode, c.meaning])).toEqual([[neighbour, null]]);
    } finally {
      await fetch(`${base()}/api/error-codes?kind=software&code=${mine}`, { method: "DELETE" });
    }
  });

  it("refuses an invalid entry with field details, and a cross-site write", async () => {
    const bad = await fetch(`${base()}/api/error-codes`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "other", code: "", meaning: "x" }),
    });
    expect(bad.status).toBe(422);
    expect(
      ((await bad.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort(),
    ).toEqual(["code", "kind"]);
    const cross = await fetch(`${base()}/api/error-codes`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ kind: "software", code: "1", meaning: "pwned" }),
    });
    expect(cross.status).toBe(401);
  });
});
