// Logs in to the platform with this monitor's settings and reports what it can see: the token's
// lifetime, tasks in status wait/processing, and one task's statistics when --task is given.
// Usage: npm run platform:check [-- --task <operationId>] [--json]. Never prints the secret or token.
import { parseArgs } from "node:util";
import { PlatformClient } from "../lib/platform/client";
import { readPlatformConfig } from "../lib/platform/config";
import { OperationAnswer, OperationListPage, SubOperationPage } from "../lib/platform/schemas";

const OPS = "/iodm/northbound/v1.5.0/operations";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { task: { type: "string" }, json: { type: "boolean", default: false } },
    strict: true,
  });
  const config = readPlatformConfig();
  if (!config) {
    process.stderr.write(
      "platform:check: PLATFORM_URL is not set: the connector is off (see README, Connecting to the platform)\n",
    );
    return 2;
  }
  const report: Record<string, unknown> = {
    platform: new URL(config.url).host,
    appId: config.appId,
    tls: config.url.startsWith("https:"),
    caFile: Boolean(config.ca),
    clientCertificate: Boolean(config.cert),
  };
  let expiresAt: Date | null = null;
  const client = new PlatformClient(config, { maxAttempts: 2, onToken: (e) => void (expiresAt = e.expiresAt) });
  try {
    await client.login();
    report.login = "ok";
    report.tokenExpiresInSeconds = expiresAt ? Math.round(((expiresAt as Date).getTime() - Date.now()) / 1000) : null;
    for (const status of ["wait", "processing"]) {
      const page = await client.call(
        "GET",
        `${OPS}?operationStatus=${status}&pageNo=0&pageSize=100`,
        OperationListPage,
      );
      report[`tasks_${status}`] = {
        total: page.totalCount ?? page.data.length,
        first: page.data.slice(0, 10).map((t) => t.operationId),
      };
    }
    if (values.task) {
      const op = await client.call("GET", `${OPS}/${encodeURIComponent(values.task)}`, OperationAnswer);
      const subs = await client.call(
        "GET",
        `${OPS}/${encodeURIComponent(values.task)}/subOperations?pageNo=0&pageSize=1`,
        SubOperationPage,
      );
      report.task = { ...op, subOperations: subs.totalCount };
    }
  } catch (err) {
    report.error = (err as Error).message;
  } finally {
    client.close();
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else
    for (const [k, v] of Object.entries(report))
      process.stdout.write(`${k.padEnd(24)} ${typeof v === "object" ? JSON.stringify(v) : String(v)}\n`);
  return report.error ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`platform:check: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
