import { describe, expect, it } from "vitest";
import { parseRetryAfter, sendAll, type PostFn, type PostResponse } from "./send-queue";
import { addAnswer, emptyTally } from "./send-summary";

const ok = (status = "stored"): PostResponse => ({
  status: 200,
  retryAfter: null,
  body: JSON.stringify({ status, id: 1 }),
});
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const noSleep = async () => {};

describe("sendAll", () => {
  it("sends every body once, within the concurrency limit, one at a time per key and in order", async () => {
    const bodies = Array.from({ length: 60 }, (_, i) => JSON.stringify({ i, key: i % 7 }));
    let inFlight = 0;
    let maxInFlight = 0;
    const busyKeys = new Set<number>();
    const seen: { i: number; key: number }[] = [];
    const post: PostFn = async (body) => {
      const msg = JSON.parse(body) as { i: number; key: number };
      expect(busyKeys.has(msg.key)).toBe(false);
      busyKeys.add(msg.key);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      seen.push(msg);
      await tick();
      inFlight--;
      busyKeys.delete(msg.key);
      return ok();
    };
    const answers = await sendAll(bodies, post, { concurrency: 4, maxRetries: 0, keyOf: (i) => String(i % 7) });
    expect(answers.every((a) => a.ok && a.bodyStatus === "stored" && a.tries === 1)).toBe(true);
    expect(seen).toHaveLength(60);
    expect(maxInFlight).toBe(4);
    for (let k = 0; k < 7; k++) {
      const order = seen.filter((m) => m.key === k).map((m) => m.i);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it("retries network errors and 503 (honouring Retry-After), but not 4xx", async () => {
    const script: Record<string, (PostResponse | Error)[]> = {
      flaky: [new TypeError("fetch failed"), { status: 503, retryAfter: "2", body: "" }, ok("duplicate")],
      bad: [
        {
          status: 422,
          retryAfter: null,
          body: JSON.stringify({ error: { code: "invalid_notification", message: "x" } }),
        },
      ],
      down: [new TypeError("fetch failed"), new TypeError("fetch failed"), new TypeError("fetch failed")],
    };
    const slept: number[] = [];
    const post: PostFn = async (body) => {
      const next = script[body]!.shift()!;
      if (next instanceof Error) throw next;
      return next;
    };
    const answers = await sendAll(["flaky", "bad", "down"], post, {
      concurrency: 1,
      maxRetries: 2,
      baseDelayMs: 100,
      random: () => 1,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(answers[0]).toMatchObject({ ok: true, status: 200, bodyStatus: "duplicate", tries: 3 });
    expect(answers[1]).toMatchObject({ ok: false, status: 422, errorCode: "invalid_notification", tries: 1 });
    expect(answers[2]).toMatchObject({ ok: false, status: null, error: "fetch failed", tries: 3 });
    // backoff 100, Retry-After 2 s, then backoff 100 and 200 for "down".
    expect(slept).toEqual([100, 2000, 100, 200]);

    const tally = emptyTally(3);
    for (const a of answers) addAnswer(tally, a);
    expect(tally).toMatchObject({
      answered: 2,
      requests: 7,
      retries: 4,
      failures: 2,
      networkErrors: 1,
      byHttpStatus: { "200": 1, "422": 1 },
      byBodyStatus: { duplicate: 1 },
    });
  });

  it("paces requests to the rate limit across workers", async () => {
    const starts: number[] = [];
    const post: PostFn = async () => {
      starts.push(performance.now());
      return ok();
    };
    await sendAll(
      Array.from({ length: 11 }, (_, i) => String(i)),
      post,
      { concurrency: 4, maxRetries: 0, ratePerSecond: 100 },
    );
    // 11 requests at 100/s need 10 intervals of 10 ms (timers may fire a hair early).
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(95);
  });

  it("stops taking new bodies once asked to", async () => {
    let failures = 0;
    const post: PostFn = async () => {
      throw new TypeError("fetch failed");
    };
    const answers = await sendAll(Array.from({ length: 50 }, String), post, {
      concurrency: 2,
      maxRetries: 0,
      sleep: noSleep,
      shouldStop: () => failures >= 3,
      onAnswer: (a) => void (failures += a.ok ? 0 : 1),
    });
    const sent = answers.filter((a) => a.tries > 0);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(answers).toHaveLength(50);
    expect(answers.filter((a) => a.tries === 0).every((a) => !a.ok && a.error === "not sent (stopped)")).toBe(true);
  });

  it("finishes on an empty list", async () => {
    expect(await sendAll([], async () => ok(), { concurrency: 3, maxRetries: 1, sleep: noSleep })).toEqual([]);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, capped and never negative", () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfter("3", now, 30_000)).toBe(3000);
    expect(parseRetryAfter("3600", now, 30_000)).toBe(30_000);
    expect(parseRetryAfter("Mon, 01 Jan 2024 00:00:05 GMT", now, 30_000)).toBe(5000);
    expect(parseRetryAfter("Sun, 31 Dec 2023 00:00:00 GMT", now, 30_000)).toBe(0);
    expect(parseRetryAfter("soon", now, 30_000)).toBeNull();
    expect(parseRetryAfter(null, now, 30_000)).toBeNull();
  });
});
