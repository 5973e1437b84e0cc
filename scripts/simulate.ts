// Plays the Huawei platform: generates an upgrade campaign and POSTs every push to the receiver.
// Usage: npm run simulate -- --url http://127.0.0.1:3000/api/callback --tasks 4 --devices 50 --json
import { parseArgs } from "node:util";
import {
  computeTruth,
  generateCampaign,
  generateCampaignEndingAt,
  type CampaignOptions,
} from "../lib/simulator/campaign";
import { sendAll, type PostFn } from "../lib/simulator/send-queue";
import { addAnswer, emptyTally, formatCounts, formatTally, type SendTally } from "../lib/simulator/send-summary";
import { buildPlatformDemo } from "../lib/simulator/platform-demo";
import { servePlatformDemo, type ServedPlatform } from "../lib/simulator/platform-serve";

const USAGE = `Usage: npm run simulate -- [options]
  --url <url>              callback URL (default http://127.0.0.1:3000/api/callback)
  --tasks <n>              upgrade tasks, alternating software/firmware (default 4)
  --devices <m>            devices per task (default 50)
  --fail-rate <r>          share of first attempts that fail, 0..1 (default 0.2)
  --duplicate-rate <r>     share of pushes delivered twice (default 0.03)
  --out-of-order-rate <r>  share of results delivered late (default 0.05)
  --seed <s>               replay a campaign (default random; printed in the summary)
  --start <iso>            upgradeTime of the campaign's start (default: chosen so it ends now)
  --concurrency <c>        requests in flight (default 8)
  --rate <per-second>      request rate limit, 0 = unlimited (default 0)
  --retries <n>            retries after a network error, 503 or 429 (default 4)
  --timeout <ms>           per-request timeout (default 15000)
  --max-failures <n>       stop sending after n pushes finally failed, 0 = never (default 100)
  --platform               also serve a stand-in platform with these tasks (README: Connecting to the platform),
                           withhold a few result pushes on purpose and keep serving until Ctrl-C
  --platform-port <p>      the stand-in's port (default 8743)
  --platform-http          plain HTTP instead of mutual TLS (local demos only)
  --withhold-rate <r>      share of finished devices whose result pushes are withheld, 0..1 (default 0.03)
  --pending-rate <r>       extra never-started target devices per task, 0..1 (default 0.1)
  --quiet                  no progress on stderr
  --json                   print the summary as one JSON object
  --help`;

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function readArgs() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: "string", default: "http://127.0.0.1:3000/api/callback" },
        tasks: { type: "string", default: "4" },
        devices: { type: "string", default: "50" },
        "fail-rate": { type: "string", default: "0.2" },
        "duplicate-rate": { type: "string" },
        "out-of-order-rate": { type: "string" },
        seed: { type: "string" },
        start: { type: "string" },
        concurrency: { type: "string", default: "8" },
        rate: { type: "string", default: "0" },
        retries: { type: "string", default: "4" },
        timeout: { type: "string", default: "15000" },
        "max-failures": { type: "string", default: "100" },
        platform: { type: "boolean", default: false },
        "platform-port": { type: "string", default: "8743" },
        "platform-http": { type: "boolean", default: false },
        "withhold-rate": { type: "string", default: "0.03" },
        "pending-rate": { type: "string", default: "0.1" },
        quiet: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = (
    name: string,
    raw: string | undefined,
    min: number,
    max = Infinity,
    integer = false,
  ): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      fail(`--${name} must be ${integer ? "an integer" : "a number"} between ${min} and ${max}, got "${raw}"`);
    }
    return n;
  };
  try {
    new URL(values.url);
  } catch {
    fail(`--url is not a valid URL: "${values.url}"`);
  }
  const start = values.start === undefined ? undefined : Date.parse(values.start);
  if (start !== undefined && Number.isNaN(start)) fail(`--start is not a valid time: "${values.start}"`);
  // A numeric seed stays a number so "--seed 7" equals generateCampaign({ seed: 7 }) in tests.
  const seedText = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
  return {
    url: values.url,
    campaign: {
      tasks: num("tasks", values.tasks, 1, 10_000, true),
      devicesPerTask: num("devices", values.devices, 1, 1_000_000, true),
      failRate: num("fail-rate", values["fail-rate"], 0, 1),
      duplicateRate: num("duplicate-rate", values["duplicate-rate"], 0, 1),
      outOfOrderRate: num("out-of-order-rate", values["out-of-order-rate"], 0, 1),
      seed: /^-?\d+$/.test(seedText) ? Number(seedText) : seedText,
    } satisfies CampaignOptions,
    start,
    concurrency: num("concurrency", values.concurrency, 1, 10_000, true)!,
    rate: num("rate", values.rate, 0)!,
    retries: num("retries", values.retries, 0, 100, true)!,
    timeout: num("timeout", values.timeout, 1, 600_000, true)!,
    maxFailures: num("max-failures", values["max-failures"], 0, Infinity, true)!,
    platform: values.platform
      ? {
          port: num("platform-port", values["platform-port"], 0, 65_535, true)!,
          tls: !values["platform-http"],
          withholdRate: num("withhold-rate", values["withhold-rate"], 0, 1)!,
          pendingRate: num("pending-rate", values["pending-rate"], 0, 1)!,
        }
      : null,
    quiet: values.quiet,
    json: values.json,
  };
}

function progressLine(t: SendTally, done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  return `sent ${done}/${total}  ${formatCounts(t.byBodyStatus)}  failures ${t.failures}  retries ${t.retries}  ${rate.toFixed(0)}/s`;
}

async function main(): Promise<void> {
  const args = readArgs();
  // By default the campaign ends about now, so demo data looks recent.
  const campaign =
    args.start !== undefined
      ? generateCampaign({ ...args.campaign, startAt: args.start })
      : generateCampaignEndingAt(args.campaign, Math.floor(Date.now() / 1000) * 1000 - 60_000);
  // --platform: the platform knows every task and device; some result pushes are never sent.
  const demo = args.platform ? buildPlatformDemo(campaign, args.platform) : null;
  const served: ServedPlatform | null =
    demo && args.platform ? await servePlatformDemo(demo, { ...args.platform, appId: campaign.plan[0]!.appId }) : null;
  const pushes = demo ? demo.pushes : campaign.pushes;
  const truth = computeTruth(pushes);
  const bodies = pushes.map((p) => JSON.stringify(p));
  const keys = pushes.map((p) => `${p.operationId}\u0000${p.deviceId}`);

  const post: PostFn = async (body) => {
    const res = await fetch(args.url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      signal: AbortSignal.timeout(args.timeout),
    });
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() };
  };

  const tally = emptyTally(bodies.length);
  let done = 0;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const tty = process.stderr.isTTY === true;
  const showProgress = () => {
    const line = progressLine(tally, done, bodies.length, elapsed());
    process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const timer = args.quiet ? undefined : setInterval(showProgress, tty ? 200 : 5000);

  const report = (interrupted: boolean) => {
    if (timer) clearInterval(timer);
    if (!args.quiet && tty) process.stderr.write("\r\x1b[2K");
    const ms = elapsed();
    const summary = {
      url: args.url,
      seed: campaign.options.seed,
      startAt: new Date(campaign.options.startAt).toISOString(),
      tasks: campaign.options.tasks,
      devicesPerTask: campaign.options.devicesPerTask,
      failRate: campaign.options.failRate,
      concurrency: args.concurrency,
      rateLimit: args.rate,
      interrupted,
      // Left unsent after --max-failures or an interrupt.
      skipped: bodies.length - done,
      sent: done,
      ...tally,
      elapsedMs: Math.round(ms),
      ratePerSecond: ms > 0 ? Math.round((done / (ms / 1000)) * 10) / 10 : 0,
      // What a receiver with an empty database should end up showing.
      expected: truth.totals,
      expectedTasks: Object.values(truth.tasks).map((t) => ({ ...t, byDevice: undefined })),
      ...(served ? { platform: served.summary } : {}),
    };
    if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      process.stdout.write(`${formatTally(tally, ms)}\n`);
      if (summary.skipped > 0) {
        const why = interrupted ? "interrupted" : `stopped after ${tally.failures} failures (--max-failures)`;
        process.stdout.write(`skipped    ${summary.skipped} pushes: ${why}\n`);
      }
      process.stdout.write(`replay     --seed ${String(summary.seed)} --start ${summary.startAt}\n`);
      process.stdout.write(
        `expected   ${truth.totals.notifications} stored + ${truth.totals.duplicates} duplicate; ` +
          `${truth.totals.succeeded} succeeded, ${truth.totals.failed} failed, ${truth.totals.inProgress} in progress\n`,
      );
      if (served) process.stdout.write(`${served.lines().join("\n")}\n`);
    }
    return summary;
  };
  let sent = false;
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      // After sending, Ctrl-C only stops the stand-in platform.
      if (sent) return void served?.standin.close().then(() => process.exit(0));
      report(true);
      process.exit(code);
    });
  }

  await sendAll(bodies, post, {
    concurrency: args.concurrency,
    ratePerSecond: args.rate,
    maxRetries: args.retries,
    keyOf: (i) => keys[i]!,
    // A receiver that is down would otherwise cost every remaining push its full retry schedule.
    shouldStop: () => args.maxFailures > 0 && tally.failures >= args.maxFailures,
    onAnswer: (a) => {
      done++;
      addAnswer(tally, a);
    },
  });
  const summary = report(false);
  sent = true;
  process.exitCode = summary.failures > 0 || summary.skipped > 0 ? 1 : 0;
  if (!served) return;
  if (!args.quiet) process.stderr.write("simulate: the stand-in platform keeps serving; Ctrl-C stops it\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`simulate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
