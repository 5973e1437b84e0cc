import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, inject, it } from "vitest";
import { PlatformClient } from "@/lib/platform/client";
import { readPlatformConfig } from "@/lib/platform/config";
import { OperationListPage } from "@/lib/platform/schemas";
import { waitForProjection } from "../support/projection";

// `npm run simulate -- --platform`: the pushes go to the app, minus a few results withheld on purpose,
// and the stand-in platform keeps serving the campaign's tasks with the settings file it wrote.
it("serves the campaign from a stand-in platform and withholds a few result pushes", { timeout: 60_000 }, async () => {
  const base = inject("pgServerUrl");
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/simulate.ts",
      "--url",
      `${base}/api/callback`,
      "--tasks",
      "2",
      "--devices",
      "30",
      "--seed",
      "platform-sim",
      "--platform",
      "--platform-port",
      "0",
      "--withhold-rate",
      "0.1",
      "--quiet",
      "--json",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out.split("\n")[0]!);
      });
      child.once("exit", (code) => reject(new Error(`simulate exited ${code}: ${err}`)));
    });
    const summary = JSON.parse(line) as {
      failures: number;
      platform: {
        url: string;
        envFile: string;
        tasks: number;
        targets: number;
        pending: number;
        withheldDevices: number;
        withheldPushes: number;
      };
    };
    expect(summary.failures).toBe(0);
    expect(summary.platform).toMatchObject({ tasks: 2, targets: 66, pending: 6 });
    expect(summary.platform.withheldDevices).toBeGreaterThan(0);
    expect(summary.platform.withheldPushes).toBeGreaterThanOrEqual(summary.platform.withheldDevices);
    await waitForProjection(base);

    // The settings file connects a client to the stand-in over mutual TLS.
    const env = Object.fromEntries(
      readFileSync(summary.platform.envFile, "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(/=(.*)/s, 2) as [string, string]),
    );
    expect(env).toMatchObject({ PLATFORM_URL: summary.platform.url, LOST_PUSH_GRACE_SECONDS: "0" });
    const client = new PlatformClient(readPlatformConfig(env)!);
    const open = await client.call(
      "GET",
      "/iodm/northbound/v1.5.0/operations?operationStatus=processing&pageNo=0&pageSize=10",
      OperationListPage,
    );
    client.close();
    // Both tasks have never-started (pending) devices, so both are still open on the platform.
    expect(open.totalCount).toBe(2);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
  }
});
