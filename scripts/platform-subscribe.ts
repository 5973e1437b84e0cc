// Subscribes this monitor's callback URL to the platform's four upgrade notify types (spec §4.2:
// one POST /iodm/app/sub/v1.1.0/subscribe per type) and prints what the platform answered to each.
// Usage: npm run platform:subscribe -- --callback-url https://monitor.example.com/api/callback
// Settings: PLATFORM_URL, PLATFORM_APP_ID, PLATFORM_SECRET, PLATFORM_CA_FILE, PLATFORM_CERT_FILE, PLATFORM_KEY_FILE.
import { parseArgs } from "node:util";
import { PlatformClient } from "../lib/platform/client";
import { readPlatformConfig } from "../lib/platform/config";
import { NOTIFY_TYPES } from "../lib/notifications/types";

const USAGE = `Usage: npm run platform:subscribe -- --callback-url <https://host[:port]/api/callback[?token=…]> [--json]`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        "callback-url": { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`platform:subscribe: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) return (process.stdout.write(`${USAGE}\n`), 0);
  const callbackUrl = values["callback-url"];
  if (!callbackUrl || !/^https?:\/\/[^/]+/i.test(callbackUrl)) {
    process.stderr.write(`platform:subscribe: --callback-url must be an http(s) URL\n${USAGE}\n`);
    return 2;
  }
  if (callbackUrl.startsWith("http://"))
    process.stderr.write(
      "platform:subscribe: warning: an http:// callback is for commissioning only (spec §4.2); use https://\n",
    );
  const config = readPlatformConfig();
  if (!config) {
    process.stderr.write("platform:subscribe: PLATFORM_URL is not set (see README, Connecting to the platform)\n");
    return 2;
  }
  const client = new PlatformClient(config, { maxAttempts: 3 });
  const answers: { notifyType: string; ok: boolean; answer: string }[] = [];
  try {
    await client.login();
    for (const notifyType of NOTIFY_TYPES) {
      try {
        await client.call("POST", "/iodm/app/sub/v1.1.0/subscribe", null, { notifyType, callbackUrl });
        answers.push({ notifyType, ok: true, answer: "200 OK (subscribed)" });
      } catch (err) {
        answers.push({ notifyType, ok: false, answer: (err as Error).message });
      }
    }
  } catch (err) {
    process.stderr.write(`platform:subscribe: cannot log in: ${(err as Error).message}\n`);
    return 1;
  } finally {
    client.close();
  }
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ callbackUrl: callbackUrl.replace(/([?&]token=)[^&]*/, "$1…"), answers })}\n`,
    );
  else
    for (const a of answers) process.stdout.write(`${a.ok ? "ok  " : "FAIL"} ${a.notifyType.padEnd(27)} ${a.answer}\n`);
  return answers.every((a) => a.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`platform:subscribe: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
