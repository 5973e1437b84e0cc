import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "./support/cookie-jar";
import { PASSWORD, signInWithPassword, startAuthServer, type AuthServer } from "./support/auth-server";

// A task's label and declared target list are settings: with sign-in configured only a signed-in
// operator may change them (API tokens read), and the trail names who did.

let app: AuthServer;
const alice = new CookieJar();
const op = randomUUID().replaceAll("-", "");

beforeAll(async () => {
  app = await startAuthServer(["alice"]);
  await signInWithPassword(app.url, alice, "alice", PASSWORD);
});
afterAll(async () => app?.stop());

const label = (headers: Record<string, string> = {}) => ({
  method: "PUT",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify({ label: "North meters" }),
});
const list = (headers: Record<string, string> = {}) => ({
  method: "PUT",
  headers: { "content-type": "text/plain", ...headers },
  body: "dev-1\ndev-2\n",
});

describe("task writes need a signed-in operator", () => {
  it("refuses them without credentials and with an API token, which may still read", async () => {
    const bearer = { authorization: `Bearer ${app.apiToken}` };
    for (const [path, init] of [
      ["/label", label()],
      ["/label", label(bearer)],
      ["/expected-devices", list()],
      ["/expected-devices", list(bearer)],
    ] as const) {
      const res = await fetch(`${app.url}/api/tasks/${op}${path}`, init);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    const read = await fetch(`${app.url}/api/tasks/${op}/expected-devices`, { headers: bearer });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it("accepts them from a signed-in operator and names her on the label and the trail", async () => {
    const set = await alice.fetch(`${app.url}/api/tasks/${op}/label`, label());
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ label: "North meters", updatedBy: "alice" });
    const declared = await alice.fetch(`${app.url}/api/tasks/${op}/expected-devices`, list());
    expect(await declared.json()).toEqual({ added: 2, removed: 0, total: 2 });
    const trail = (await (await alice.fetch(`${app.url}/api/audit?kind=setting_changed`)).json()) as {
      items: { actor: string; target: string }[];
    };
    expect(
      trail.items
        .filter((i) => i.target.endsWith(`:${op}`))
        .map((i) => [i.actor, i.target])
        .sort(),
    ).toEqual([
      ["alice", `expected_devices:${op}`],
      ["alice", `task_label:${op}`],
    ]);
  });
});
