import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { swResult } from "../fixtures/pushes";
import { startProcess, type RunningServer, START_ARGS } from "../support/servers";
import { sleep, waitFor } from "./support";

// PGlite's directory on its own small tmpfs, filled and freed by the test: the machine's disk is never touched.
const mountPoint = mkdtempSync(path.join(tmpdir(), "um-diskfull-"));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop("SIGKILL");
  execFileSync("umount", ["-l", mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const freeMb = () => {
  const s = statfsSync(mountPoint);
  return (Number(s.bavail) * Number(s.bsize)) / 1048576;
};
/** Leaves `mb` MB free on the tmpfs. */
function fillTo(mb: number, name: string) {
  const file = path.join(mountPoint, name);
  writeFileSync(file, Buffer.alloc(Math.max(0, Math.floor((freeMb() - mb) * 1048576))));
  return file;
}
let port = 3380 + Math.floor(Math.random() * 10);
async function start(dir: string, anyAnswer: boolean) {
  const p = port++;
  const s = await startProcess(START_ARGS, {
    url: `http://127.0.0.1:${p}`,
    anyAnswer,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: undefined,
      PGLITE_DIR: dir,
      PORT: String(p),
      HOSTNAME: "127.0.0.1",
      PGLITE_MIN_FREE_MB: "16",
    },
  });
  servers.push(s);
  return s;
}
async function push(url: string) {
  const t0 = Date.now();
  const res = await fetch(`${url}/api/callback`, {
    method: "POST",
    body: JSON.stringify(swResult()),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return {
    status: res.status,
    code: body.error?.code,
    ms: Date.now() - t0,
    retryAfter: res.headers.get("retry-after"),
  };
}

it("PGlite on a disk that fills up and one already full at start: fast 503 storage_unavailable, 'disk full: <dir>' in the log, recovery by itself, still killable", async () => {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=160m", "tmpfs", mountPoint]);
  const dir = path.join(mountPoint, "pglite");
  const s = await start(dir, false);
  expect((await push(s.url)).status).toBe(200);

  const filler = fillTo(8, "filler");
  const full = [] as Awaited<ReturnType<typeof push>>[];
  for (let i = 0; i < 20; i++) full.push(await push(s.url));
  const health = await fetch(`${s.url}/api/health`);
  const healthBody = (await health.json()) as { error?: { code: string } };
  rmSync(filler);
  const recoveredMs = await waitFor(async () => (await push(s.url)).status === 200, 10_000);

  // Already full at start: a second directory on the same (refilled) filesystem.
  await s.stop("SIGTERM");
  const filler2 = fillTo(8, "filler2");
  const dir2 = path.join(mountPoint, "pglite-2");
  mkdirSync(dir2);
  const s2 = await start(dir2, true);
  const atStart = [] as Awaited<ReturnType<typeof push>>[];
  for (let i = 0; i < 5; i++) atStart.push(await push(s2.url));
  rmSync(filler2);
  // Recovery here includes creating and migrating the database, which was impossible until now.
  const recovered2Ms = await waitFor(async () => (await push(s2.url)).status === 200, 90_000).catch((err: Error) => {
    console.log(s2.output());
    throw err;
  });
  const exit = new Promise<number>((resolve) => s2.process.once("exit", () => resolve(Date.now() - t0)));
  const t0 = Date.now();
  s2.process.kill("SIGTERM");
  const exitMs = await exit;

  console.log(
    `[faults] disk full (PGlite): while full ${full.filter((f) => f.status === 503).length}/${full.length} answered 503 ` +
      `(slowest ${Math.max(...full.map((f) => f.ms))} ms), health ${health.status}; recovered ${recoveredMs} ms after space returned; ` +
      `full at start: ${atStart.map((a) => `${a.status}/${a.ms}ms`).join(" ")}, recovered ${recovered2Ms} ms after space returned; SIGTERM exit ${exitMs} ms`,
  );
  for (const f of [...full, ...atStart]) {
    expect(f).toMatchObject({ status: 503, code: "storage_unavailable", retryAfter: "5" });
    expect(f.ms).toBeLessThan(2_000);
  }
  expect(health.status).toBe(503);
  expect(healthBody.error?.code).toBe("storage_unavailable");
  expect(s.output()).toContain(`disk full: ${dir}`);
  expect(s2.output()).toContain(`disk full: ${dir2}`);
  expect(recoveredMs).toBeLessThan(10_000);
  expect(exitMs).toBeLessThan(5_000);
  await sleep(0);
}, 300_000);
