import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startProcess, type RunningServer } from "../../tests/support/servers";

const root = path.resolve(import.meta.dirname, "../..");

/** Anchor (a): bare node:http + one pg INSERT per push. */
export function startBarePg(databaseUrl: string, port: number): Promise<RunningServer> {
  return startProcess([path.join(root, "bench/anchors/bare-pg.mjs")], {
    url: `http://127.0.0.1:${port}`,
    env: { PORT: String(port), DATABASE_URL: databaseUrl },
    readyPath: "/",
    anyAnswer: true,
  });
}

/**
 * Anchor (b): a no-op App Router POST handler under `next start`. Built outside the repo (a
 * nested Next app inside it would pick up the repo's instrumentation and aliases).
 */
export function startNextNoop(port: number): Promise<RunningServer> {
  const dir = path.join(tmpdir(), "um-bench-next-noop");
  if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(root, "bench/anchors/next-noop"), dir, { recursive: true });
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "next-noop-anchor", private: true }));
    // webpack: Turbopack refuses a node_modules symlinked from outside the project root.
    execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build", "--webpack"], {
      cwd: dir,
      stdio: "ignore",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  }
  return startProcess(
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      url: `http://127.0.0.1:${port}`,
      cwd: dir,
      env: { NEXT_TELEMETRY_DISABLED: "1" },
      readyPath: "/api/noop",
      anyAnswer: true,
    },
  );
}
