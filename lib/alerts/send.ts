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

/**
 * At most the first MAX_ANSWER characters of the answer: the status already says whether the receiver
 * took the message, so a huge body is not buffered and one that never ends (cut by the timeout) does not
 * turn a 2xx into a retry, which would deliver the message again.
 */
async function readAnswer(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length <= MAX_ANSWER) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return `${text}… (answer cut off)`;
  } finally {
    reader.cancel().catch(() => {});
  }
  return text;
}

/** One delivery attempt to one channel. Never throws; never puts the URL or secret into the answer. */
export async function sendToChannel(ch: ChannelTarget, m: AlertMessage, timeoutMs: number): Promise<SendOutcome> {
  if (ch.type === "email") return sendEmail(ch.recipients, m, timeoutMs);
  if (!ch.url) return { ok: false, retryable: false, status: null, answer: "channel has no url" };
  const req = buildRequest({ type: ch.type, url: ch.url, secret: ch.secret }, m, Date.now());
  try {
    const res = await fetch(req.url, {
      method: "POST",
      headers: req.headers,
      body: req.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = clip(await readAnswer(res));
    if (res.status >= 500) return { ok: false, retryable: true, status: res.status, answer: text };
    if (res.status < 200 || res.status >= 300) return { ok: false, retryable: false, status: res.status, answer: text };
    const refusal = platformRefusal(ch.type, text);
    return refusal
      ? { ok: false, retryable: false, status: res.status, answer: clip(`${refusal} — ${text}`) }
      : { ok: true, retryable: false, status: res.status, answer: text };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why =
      e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `${e.cause?.code ?? e.name}: network error`;
    return { ok: false, retryable: true, status: null, answer: why };
  }
}
