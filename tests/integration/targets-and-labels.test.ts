import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import type { Page, TaskDetail, TaskRow } from "@/lib/schemas/responses";
import { waitForProjection } from "../support/projection";
import { post, swResult } from "../fixtures/pushes";

// The write routes of issue 13 over real HTTP on both databases: every documented answer of
// PUT/DELETE …/expected-devices and PUT …/label, and their entries on the audit trail.

interface AuditItem {
  target: string | null;
  details: { action: string; state?: Record<string, unknown> };
}

describe.each([
  ["PostgreSQL", () => inject("pgServerUrl")],
  ["PGlite", () => inject("pgliteServerUrl")],
])("declared targets and labels (%s)", (_db, base) => {
  const op = randomUUID().replaceAll("-", "");
  const url = (suffix: string) => `${base()}/api/tasks/${op}${suffix}`;
  const send = (suffix: string, method: string, body?: string, type = "text/plain") =>
    fetch(url(suffix), { method, headers: body === undefined ? {} : { "content-type": type }, body });

  it("answers each bad list with its documented error and changes nothing", async () => {
    await post(base(), swResult({ operationId: op, deviceId: `${op}-a`, swUpgradeResult: "SUCCESS" }));
    await waitForProjection(base());
    const cases: [string, string, number, unknown][] = [
      [
        "text/plain",
        `ok\n\n${"x".repeat(257)}\nbad\u0000`,
        422,
        {
          code: "invalid_body",
          details: [
            { field: "line 3", problem: "deviceId must be at most 256 characters" },
            { field: "line 4", problem: "deviceId must not contain NUL characters" },
          ],
        },
      ],
      [
        "text/csv",
        "imei,deviceId\n1,\n",
        422,
        { code: "invalid_body", details: [{ field: "line 2", problem: "deviceId is empty" }] },
      ],
      [
        "application/json",
        '["a"]',
        422,
        { code: "invalid_body", details: [{ field: "content-type", problem: "must be text/plain or text/csv" }] },
      ],
      ["text/plain", "\n\n", 422, { code: "invalid_body", details: [{ field: "body", problem: "has no deviceId" }] }],
    ];
    for (const [type, body, status, error] of cases) {
      const res = await send("/expected-devices", "PUT", body, type);
      expect(res.status, body.slice(0, 20)).toBe(status);
      expect(((await res.json()) as { error: unknown }).error).toMatchObject(error as object);
    }
    const tooBig = await send("/expected-devices", "PUT", "a\n".repeat(4 * 1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect((await send("/expected-devices", "POST", "a")).headers.get("allow")).toBe("GET, HEAD, PUT, DELETE");
    const task = (await (await fetch(url(""))).json()) as TaskDetail;
    expect(task.completeness).toMatchObject({
      expected: null,
      expectedSource: "unknown",
      reported: 1,
      pending: 0,
      barTotal: 1,
    });
  });

  it("turns 'unknown' into a declared population with pending devices, and audits it", async () => {
    const res = await send("/expected-devices", "PUT", `deviceId\n${op}-a\n${op}-b\n${op}-c\n${op}-b\n`);
    expect(await res.json()).toEqual({ added: 3, removed: 0, total: 3 });
    const { completeness } = (await (await fetch(url(""))).json()) as TaskDetail;
    expect(completeness).toMatchObject({
      expected: 3,
      expectedSource: "declared",
      reported: 1,
      unexpected: 0,
      pending: 2,
      succeeded: 1,
      barTotal: 3,
    });
    const audit = (await (await fetch(`${base()}/api/audit?kind=setting_changed&limit=500`)).json()) as {
      items: AuditItem[];
    };
    const entry = audit.items.find((i) => i.target === `expected_devices:${op}`)!;
    expect(entry.details).toEqual({ action: "updated", state: { declared: 3, added: 3, removed: 0, total: 3 } });
  });

  it("sets a label, finds the task by it, refuses a long one and removes it", async () => {
    const label = `North meters ${op.slice(0, 6)}`;
    const set = await send("/label", "PUT", JSON.stringify({ label: `  ${label} ` }), "application/json");
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ operationId: op, label });
    const found = (await (
      await fetch(`${base()}/api/tasks?operationId=${encodeURIComponent(`meters ${op.slice(0, 6)}`)}`)
    ).json()) as Page<TaskRow>;
    expect(found.items.map((t) => [t.operationId, t.label])).toEqual([[op, label]]);
    expect(((await (await fetch(url(""))).json()) as TaskDetail).task.label).toBe(label);

    const long = await send("/label", "PUT", JSON.stringify({ label: "x".repeat(81) }), "application/json");
    expect(long.status).toBe(422);
    expect(await long.json()).toEqual({
      error: {
        code: "invalid_body",
        message: "The request body does not describe a valid item.",
        details: [{ field: "label", problem: "must be at most 80 characters" }],
      },
    });
    expect((await send("/label", "PUT", "{", "application/json")).status).toBe(400);
    expect((await send("/label", "GET")).status).toBe(405);

    const cleared = await send("/label", "PUT", JSON.stringify({ label: "" }), "application/json");
    expect(await cleared.json()).toMatchObject({ label: null });
    expect(((await (await fetch(url(""))).json()) as TaskDetail).task.label).toBeNull();
    const audit = (await (await fetch(`${base()}/api/audit?kind=setting_changed&limit=500`)).json()) as {
      items: AuditItem[];
    };
    expect(
      audit.items
        .filter((i) => i.target === `task_label:${op}`)
        .map((i) => i.details.action)
        .reverse(),
    ).toEqual(["updated", "deleted"]);
  });
});
