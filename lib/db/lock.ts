import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * An exclusive OS-level lock on a PGlite data directory: PGlite takes none, and a second opener of
 * the same directory corrupts it or silently loses what the first acknowledged.
 *
 * Why flock(1) in a child process: the kernel releases an flock the moment its holder dies, so a
 * SIGKILLed server never leaves a stale lock (a lockfile refreshed by timers, as proper-lockfile does,
 * would be declared stale while PGlite blocks the event loop, and would outlive a killed holder for
 * its whole staleness window). The child holds the lock while its stdin (a pipe from us) is open: when
 * this process dies for any reason the pipe closes, `cat` ends and the lock is gone with it. The child
 * gets its own process group, so a terminal's Ctrl+C reaches only us and the lock lasts through the drain.
 */
export interface DirLock {
  readonly file: string;
  release(): Promise<void>;
}

export class DirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number | null,
    waitedMs: number,
  ) {
    const who = holderPid ? `process ${holderPid}` : "another process";
    super(
      `PGlite directory ${dir} is in use by ${who}${waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : ""}: ` +
        "one process per directory. Stop it first, or go through the running server.",
    );
    this.name = "DirLockedError";
  }
}

/** The lock file sits beside the directory (PGlite treats its own directory as a PostgreSQL data dir). */
export function lockFileFor(dir: string): string {
  const abs = path.resolve(dir);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.lock`);
}

/** The PID written by the current holder, if any. */
function readHolderPid(dir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFileFor(dir), "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

const BUSY = 75;

/** Takes the lock, waiting at most `waitMs` for a holder to go (0: refuse at once). */
export function lockDirectory(dir: string, waitMs: number): Promise<DirLock> {
  const abs = path.resolve(dir);
  const file = lockFileFor(abs);
  const wait = waitMs > 0 ? ["-w", String(Math.max(1, Math.ceil(waitMs / 1000)))] : ["-n"];
  const started = Date.now();
  const child = spawn(
    "flock",
    ["-x", ...wait, "-E", String(BUSY), file, "sh", "-c", "echo locked; exec cat >/dev/null"],
    {
      stdio: ["pipe", "pipe", "inherit"],
      detached: true,
    },
  );
  return new Promise<DirLock>((resolve, reject) => {
    let held = false;
    child.once("error", reject);
    let released = false;
    child.stdout!.once("data", () => {
      held = true;
      writeFileSync(file, `${process.pid}\n`);
      // Holding the lock must not keep an otherwise finished process alive.
      child.unref();
      (child.stdin as unknown as { unref?: () => void }).unref?.();
      (child.stdout as unknown as { unref?: () => void }).unref?.();
      child.once("exit", () => {
        if (released) return;
        console.error(`[db] lost the lock on ${abs} (its flock process ended): stopping, to keep the directory safe`);
        process.exit(1);
      });
      resolve({
        file,
        release: async () => {
          if (released) return;
          released = true;
          const gone = new Promise<void>((r) => child.once("exit", () => r()));
          // Keep this process alive until the lock is really gone (a script's last await).
          child.ref();
          child.stdin!.end();
          await gone;
        },
      });
    });
    child.once("exit", (code) => {
      if (held) return;
      if (code === BUSY) reject(new DirLockedError(abs, readHolderPid(abs), Date.now() - started));
      else reject(new Error(`could not lock ${abs}: flock exited with ${code}`));
    });
  });
}
