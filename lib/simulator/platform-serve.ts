import { writeFile } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startStandin, type StandinPlatform } from "../platform-standin/server";
import type { PlatformDemo } from "./platform-demo";

export interface ServedPlatform {
  standin: StandinPlatform;
  /** A file of PLATFORM_* settings for the app (`set -a; . <file>; set +a`). Holds the stand-in's throwaway secret. */
  envFile: string;
  summary: {
    url: string;
    appId: string;
    envFile: string;
    tasks: number;
    targets: number;
    pending: number;
    withheldDevices: number;
    withheldPushes: number;
  };
  lines(): string[];
}

/**
 * Serves the demo's tasks from the stand-in platform (HTTPS with a fresh CA and client certificate,
 * or plain HTTP with `tls: false`), and writes the settings an app needs to connect to it.
 */
export async function servePlatformDemo(
  demo: PlatformDemo,
  opts: { port: number; tls: boolean; appId: string },
): Promise<ServedPlatform> {
  const standin = await startStandin({ port: opts.port, tls: opts.tls, appId: opts.appId });
  for (const t of demo.tasks) standin.tasks.set(t.operationId, t);
  const dir = standin.certs?.dir ?? mkdtempSync(path.join(tmpdir(), "um-platform-"));
  const envFile = path.join(dir, "platform.env");
  const env = [
    `PLATFORM_URL=${standin.url}`,
    `PLATFORM_APP_ID=${standin.appId}`,
    `PLATFORM_SECRET=${standin.secret}`,
    ...(standin.certs
      ? [
          `PLATFORM_CA_FILE=${standin.certs.caFile}`,
          `PLATFORM_CERT_FILE=${standin.certs.clientCertFile}`,
          `PLATFORM_KEY_FILE=${standin.certs.clientKeyFile}`,
        ]
      : []),
    "PLATFORM_SYNC_SECONDS=10",
    "LOST_PUSH_GRACE_SECONDS=0",
  ];
  await writeFile(envFile, `${env.join("\n")}\n`, { mode: 0o600 });
  const summary = {
    url: standin.url,
    appId: standin.appId,
    envFile,
    tasks: demo.tasks.length,
    targets: demo.tasks.reduce((n, t) => n + t.subs.length, 0),
    pending: demo.pending,
    withheldDevices: demo.withheld.length,
    withheldPushes: demo.withheldPushes,
  };
  return {
    standin,
    envFile,
    summary,
    lines: () => [
      `platform   stand-in serving ${summary.tasks} tasks, ${summary.targets} target devices at ${standin.url}${standin.certs ? " (mutual TLS)" : " (plain HTTP)"}`,
      `withheld   ${summary.withheldPushes} result pushes of ${summary.withheldDevices} devices on purpose: lost pushes for the connector to reconcile`,
      `pending    ${summary.pending} target devices that never started`,
      `connect    set -a; . ${envFile}; set +a; npm start   (the app then syncs every 10 s; Ctrl-C stops the stand-in)`,
    ],
  };
}
