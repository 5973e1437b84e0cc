import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database on the test server, dropped afterwards. */
export async function createThrowawayDatabase(prefix = "um_test"): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export function freshPgliteDir(): string {
  return mkdtempSync(path.join(tmpdir(), "um-pglite-"));
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A port the OS says is free right now. Test files run in parallel workers: ports derived from a
 * worker's pid collided between workers (a server then answered another file's requests).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type ServerMode = "custom" | "next";

/**
 * Starts the built app on its own port. "custom" is what `npm start` runs (server.ts: the lean
 * node:http callback path plus Next); "next" is plain `next start` (the callback's route handler).
 */
/** Exactly what `npm start` runs (the compiled server.ts, built by `npm run build`): one process, so signals reach it. */
export const START_ARGS = ["--conditions=react-server", "--enable-source-maps", "dist/server.mjs"];

export async function startServer(
  env: Record<string, string | undefined>,
  mode: ServerMode = "custom",
  fixedPort?: number,
): Promise<RunningServer> {
  const port = fixedPort ?? (await freePort());
  const args =
    mode === "custom"
      ? START_ARGS
      : ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"];
  return startProcess(args, {
    url: `http://127.0.0.1:${port}`,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: undefined,
      PGLITE_DIR: undefined,
      CALLBACK_TOKEN: undefined,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      ...env,
    },
  });
}

export interface ProcessOptions {
  url: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Polled until it answers 200 (default /api/health); `anyAnswer` accepts any HTTP status. */
  readyPath?: string;
  anyAnswer?: boolean;
}

/** Spawns `node <args>` and waits until the server answers. */
export async function startProcess(args: string[], opts: ProcessOptions): Promise<RunningServer> {
  const { url, readyPath = "/api/health" } = opts;
  // Something already answering there would pass the readiness check for us while our child exits
  // at listen: the test would then talk to a stranger (seen as "acknowledged rows missing").
  if (
    await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`${url} already answers before the server started: another process holds the port`);
  }
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const server: RunningServer = {
    url,
    process: child,
    output: () => log,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}${readyPath}`);
      if (res.status === 200 || opts.anyAnswer) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop("SIGKILL");
  throw new Error(`server did not become healthy in 60 s:\n${log}`);
}
