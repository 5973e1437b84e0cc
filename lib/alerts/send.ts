import "server-only";
import type { ChannelType } from "@/lib/schemas/alerts";
import { buildRequest, platformRefusal } from "./formats";
import type { AlertMessage } from "./message";
import { sendEmail } from "./email";

export interface ChannelTarget {
  id: number;
  type: ChannelType;
  url: string | null;
  secret: string | null;
  recipients: string[];
}

/** What one attempt came to. `retryable`: network error, timeout, 5xx (or SMTP 4xx); anything else is final. */
export interface SendOutcome {
  ok: boolean;
  retryable: boolean;
  status: number | null;
  answer: string;
}

const MAX_ANSWER = 1_000;
const clip = (s: string) => (s.length > MAX_ANSWER ? `${s.slice(0, MAX_ANSWER)}…` : s);

/** One delivery attempt to one channel. Never throws; never puts the URL or secret into the answer. */
export async function sendToChannel(ch: ChannelTarget, m: AlertMessage, timeoutMs: number): Promise<SendOutcome> {
  if (ch.type === "email") return sendEmail(ch.recipients, m, timeoutMs);
  if (!ch.url) return { ok: false, retryable: false, status: null, answer: "channel has no url" };
  const req = buildRequest({ type: ch.type, url: ch.url, secret: ch.secret }, m, Date.now());
  try {
    const res = await fetch(req.url, { method: "POST", headers: req.headers, body: req.body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const text = clip(await res.text());
    if (res.status >= 500) return { ok: false, retryable: true, status: res.status, answer: text };
    if (res.status < 200 || res.status >= 300) return { ok: false, retryable: false, status: res.status, answer: text };
    const refusal = platformRefusal(ch.type, text);
    return refusal ? { ok: false, retryable: false, status: res.status, answer: clip(`${refusal} — ${text}`) } : { ok: true, retryable: false, status: res.status, answer: text };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why = e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `${e.cause?.code ?? e.name}: network error`;
    return { ok: false, retryable: true, status: null, answer: why };
  }
}
