import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, swResult } from "../fixtures/pushes";
import { cellText, loadWorkbook } from "../support/xlsx";
import { CookieJar } from "./support/cookie-jar";
import { PASSWORD, signInWithPassword, startAuthServer, type AuthServer } from "./support/auth-server";

// With sign-in on, the workbook's "About" sheet names who exported it; the new exports are as
// protected as the CSV.
let app: AuthServer;
const op = `who-${Date.now().toString(36)}`;

beforeAll(async () => {
  app = await startAuthServer(["alice"]);
  expect((await post(app.url, swResult({ operationId: op }))).status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
});

async function exportedBy(res: Response): Promise<unknown> {
  expect(res.status).toBe(200);
  const wb = await loadWorkbook(new Uint8Array(await res.arrayBuffer()));
  let who: unknown;
  wb.getWorksheet("About")!.eachRow((row) => {
    if (cellText(row.getCell(1).value) === "Exported by") who = cellText(row.getCell(2).value);
  });
  return who;
}

describe("exports with sign-in configured", () => {
  it.each([`/api/tasks/${op}/failed.xlsx`, `/api/tasks/${op}/retry.txt`, "/api/failed.xlsx"])(
    "GET %s without a session → 401",
    async (path) => {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    },
  );

  it("names the signed-in operator", async () => {
    const jar = new CookieJar();
    await signInWithPassword(app.url, jar, "alice", PASSWORD);
    expect(await exportedBy(await jar.fetch(`${app.url}/api/tasks/${op}/failed.xlsx`))).toBe("alice");
    const retry = await jar.fetch(`${app.url}/api/tasks/${op}/retry.txt`);
    expect(retry.status).toBe(200);
    expect((await retry.text()).split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("names the API token a script used", async () => {
    const res = await fetch(`${app.url}/api/failed.xlsx?operationId=${op}`, {
      headers: { authorization: `Bearer ${app.apiToken}` },
    });
    expect(await exportedBy(res)).toBe('API token "ci-script"');
  });
});
