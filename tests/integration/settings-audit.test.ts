import { describe, expect, inject, it } from "vitest";

// Changes to settings stored in the app (alert channels and rules, error-code meanings) are on the
// audit trail: which setting, what was done, what it is now, and never a channel's URL or secret.

interface AuditItem {
  kind: string;
  target: string | null;
  clientIp: string | null;
  details: { action: string; state?: Record<string, unknown> };
}

async function send(base: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

async function settingChanges(base: string): Promise<AuditItem[]> {
  const res = await fetch(`${base}/api/audit?kind=setting_changed&limit=500`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditItem[] }).items;
}

describe.each([
  ["PostgreSQL", () => inject("pgServerUrl")],
  ["PGlite", () => inject("pgliteServerUrl")],
])("settings changes are audited (%s)", (_db, base) => {
  it("records creating, changing and deleting a channel, a rule and an error-code meaning", async () => {
    const secret = `s3cret-${Date.now()}`;
    const hookUrl = `http://127.0.0.1:9/hook-token-${Date.now()}`;
    const channel = await send(base(), "POST", "/api/alerts/channels", {
      name: "ops hook",
      type: "webhook",
      url: hookUrl,
      secret,
    });
    const rule = await send(base(), "POST", "/api/alerts/rules", {
      name: "too many failures",
      kind: "failure_rate",
      threshold: 0.2,
      minResults: 10,
      channelIds: [channel.id],
    });
    await send(base(), "PATCH", `/api/alerts/rules/${rule.id}`, { threshold: 0.5 });
    await send(base(), "PATCH", `/api/alerts/channels/${channel.id}`, { secret: `${secret}-2` });
    const code = String(900_000 + Math.floor(Math.random() * 99_999));
    await send(base(), "PUT", "/api/error-codes", { kind: "software", code, meaning: "battery door open" });
    await send(base(), "DELETE", `/api/error-codes?kind=software&code=${code}`);
    await send(base(), "DELETE", `/api/alerts/rules/${rule.id}`);
    await send(base(), "DELETE", `/api/alerts/channels/${channel.id}`);

    const items = await settingChanges(base());
    const of = (target: string) =>
      items
        .filter((i) => i.target === target)
        .map((i) => i.details.action)
        .reverse();
    expect(of(`alert_channel:${channel.id}`)).toEqual(["created", "updated", "deleted"]);
    expect(of(`alert_rule:${rule.id}`)).toEqual(["created", "updated", "deleted"]);
    expect(of(`error_code:software:${code}`)).toEqual(["updated", "deleted"]);
    const ruleUpdate = items.find((i) => i.target === `alert_rule:${rule.id}` && i.details.action === "updated")!;
    expect(ruleUpdate.details.state).toMatchObject({ threshold: 0.5, name: "too many failures" });
    expect(
      items.find((i) => i.target === `error_code:software:${code}` && i.details.action === "updated")!.details.state,
    ).toMatchObject({ meaning: "battery door open" });
    const trail = JSON.stringify(items);
    expect(trail).not.toContain(secret);
    expect(trail).not.toContain("hook-token-");
    for (const i of items) expect(i.clientIp).toBeTruthy();
  });
});
