import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DirLockedError, lockDirectory, lockFileFor } from "./lock";

const root = mkdtempSync(path.join(tmpdir(), "um-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (name: string) => path.join(root, name);

describe("lockDirectory", () => {
  it("refuses a second opener at once, naming the directory and the holder's PID", async () => {
    const d = dir("a");
    const held = await lockDirectory(d, 0);
    const second = await lockDirectory(d, 0).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DirLockedError);
    expect((second as Error).message).toContain(d);
    expect((second as Error).message).toContain(`process ${process.pid}`);
    await held.release();
    const third = await lockDirectory(d, 0);
    await third.release();
  });

  it("a waiting opener gets the directory as soon as the holder lets go", async () => {
    const d = dir("b");
    const held = await lockDirectory(d, 0);
    setTimeout(() => void held.release(), 300);
    const t0 = Date.now();
    const next = await lockDirectory(d, 5_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    await next.release();
  });

  it("gives up after the bounded wait", async () => {
    const d = dir("c");
    const held = await lockDirectory(d, 0);
    const err = await lockDirectory(d, 1_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirLockedError);
    expect((err as Error).message).toMatch(/waited 1 s/);
    await held.release();
  });

  it("a SIGKILLed holder's lock never blocks the next opener", async () => {
    const d = dir("d");
    const file = lockFileFor(d);
    // Another process takes the lock the same way (flock(1) fed by its stdin), then is killed.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `
      const { spawn } = require("node:child_process");
      const c = spawn("flock", ["-x", "-n", ${JSON.stringify(file)}, "sh", "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"], detached: true });
      c.stdout.once("data", () => console.log("held"));
      setInterval(() => {}, 1000);
    `,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise((r) => holder.stdout!.once("data", r));
    expect(await lockDirectory(d, 0).catch((e: unknown) => e)).toBeInstanceOf(DirLockedError);
    holder.kill("SIGKILL");
    await new Promise((r) => holder.once("exit", r));
    const t0 = Date.now();
    const mine = await lockDirectory(d, 5_000);
    expect(Date.now() - t0).toBeLessThan(2_000);
    await mine.release();
  });
});
