// Delivers bodies through an injected `post` with bounded concurrency, an optional rate limit and
// retries. Transport-free so it can be tested with a fake; scripts/simulate.ts plugs in fetch.

export interface PostResponse {
  status: number;
  /** The Retry-After header, if any. */
  retryAfter: string | null;
  body: string;
}

/** Throws on a network error (refused, reset, timeout); any HTTP answer resolves. */
export type PostFn = (body: string) => Promise<PostResponse>;

export interface Answer {
  index: number;
  /** Final HTTP status; null when every try ended in a network error. */
  status: number | null;
  /** `status` from a JSON 2xx body (stored, duplicate, ignored). */
  bodyStatus: string | null;
  /** `error.code` from a JSON error envelope. */
  errorCode: string | null;
  /** Last network error message. */
  error: string | null;
  tries: number;
  ok: boolean;
}

export interface SendOptions {
  concurrency: number;
  /** Requests per second across all workers, retries included; 0 or undefined = unlimited. */
  ratePerSecond?: number;
  /** Extra tries after the first, for network errors, 503 and 429. */
  maxRetries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Bodies with the same key go one at a time, in list order. The receiver orders a device's events
   * by arrival, so letting two workers race one device's pushes would change what it records.
   */
  keyOf?: (index: number) => string;
  onAnswer?: (answer: Answer) => void;
  /** Checked before each new body; once true, the rest are left unsent (answered with tries = 0). */
  shouldStop?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

const RETRYABLE = new Set([429, 503]);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Answers in body order. */
export async function sendAll(bodies: readonly string[], post: PostFn, options: SendOptions): Promise<Answer[]> {
  const { maxRetries, keyOf = (i) => String(i), onAnswer } = options;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const baseDelay = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const interval = options.ratePerSecond && options.ratePerSecond > 0 ? 1000 / options.ratePerSecond : 0;
  const answers: (Answer | undefined)[] = new Array(bodies.length).fill(undefined);

  // Pacing by reserved start slots: each request books the next free slot, so the rate holds
  // across workers without a timer loop.
  let nextSlot = 0;
  const pace = async (): Promise<void> => {
    if (interval === 0) return;
    const t = now();
    const slot = Math.max(t, nextSlot);
    nextSlot = slot + interval;
    if (slot > t) await sleep(slot - t);
  };

  const busy = new Set<string>();
  const parked = new Map<string, number[]>();
  const released: number[] = [];
  let cursor = 0;
  let inFlight = 0;
  let wakers: (() => void)[] = [];

  const take = (): number | undefined => {
    if (options.shouldStop?.()) return undefined;
    const r = released.shift();
    if (r !== undefined) return r;
    while (cursor < bodies.length) {
      const i = cursor++;
      const key = keyOf(i);
      if (!busy.has(key)) {
        busy.add(key);
        return i;
      }
      parked.set(key, [...(parked.get(key) ?? []), i]);
    }
    return undefined;
  };
  const finish = (i: number): void => {
    const key = keyOf(i);
    const next = parked.get(key)?.shift();
    // The key stays busy and hands over to its next body, keeping per-key order.
    if (next !== undefined) released.push(next);
    else busy.delete(key);
    const w = wakers;
    wakers = [];
    for (const wake of w) wake();
  };

  const sendOne = async (i: number): Promise<Answer> => {
    let error: string | null = null;
    for (let attempt = 0; ; attempt++) {
      await pace();
      let res: PostResponse;
      try {
        res = await post(bodies[i]!);
      } catch (err) {
        error = err instanceof Error ? describe(err) : String(err);
        if (attempt < maxRetries) {
          await sleep(backoff(attempt));
          continue;
        }
        return { index: i, status: null, bodyStatus: null, errorCode: null, error, tries: attempt + 1, ok: false };
      }
      if (RETRYABLE.has(res.status) && attempt < maxRetries) {
        await sleep(parseRetryAfter(res.retryAfter, now(), maxDelay) ?? backoff(attempt));
        continue;
      }
      const { bodyStatus, errorCode } = readBody(res.body);
      const ok = res.status >= 200 && res.status < 300;
      return { index: i, status: res.status, bodyStatus, errorCode, error: null, tries: attempt + 1, ok };
    }
  };
  const backoff = (attempt: number): number => Math.min(maxDelay, baseDelay * 2 ** attempt * (0.5 + random() / 2));

  const worker = async (): Promise<void> => {
    for (;;) {
      const i = take();
      if (i === undefined) {
        // Everything left waits behind in-flight keys: sleep until one of them finishes.
        if (inFlight === 0 || options.shouldStop?.()) return;
        await new Promise<void>((resolve) => wakers.push(resolve));
        continue;
      }
      inFlight++;
      const answer = await sendOne(i);
      inFlight--;
      answers[i] = answer;
      onAnswer?.(answer);
      finish(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  // Only a stop leaves bodies unsent; they are failures that never reached onAnswer.
  return answers.map(
    (a, index) =>
      a ?? { index, status: null, bodyStatus: null, errorCode: null, error: "not sent (stopped)", tries: 0, ok: false },
  );
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3), capped so a hostile header cannot stall the run. */
export function parseRetryAfter(value: string | null, nowMs: number, capMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v) - nowMs;
  return Number.isFinite(ms) ? Math.min(capMs, Math.max(0, ms)) : null;
}

function readBody(text: string): { bodyStatus: string | null; errorCode: string | null } {
  try {
    const body: unknown = JSON.parse(text);
    if (body === null || typeof body !== "object") return { bodyStatus: null, errorCode: null };
    const { status, error } = body as { status?: unknown; error?: { code?: unknown } };
    return {
      bodyStatus: typeof status === "string" ? status : null,
      errorCode: typeof error === "object" && error !== null && typeof error.code === "string" ? error.code : null,
    };
  } catch {
    return { bodyStatus: null, errorCode: null };
  }
}

// fetch wraps the useful part ("ECONNREFUSED") in `cause`.
function describe(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? ((cause as { code?: string }).code ?? cause.message) : null;
  return detail ? `${err.message} (${detail})` : err.message;
}
