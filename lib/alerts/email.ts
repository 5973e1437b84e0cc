import "server-only";
import { plainText, titleOf, type AlertMessage } from "./message";
import type { SendOutcome } from "./send";

// SMTP settings come from the environment (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASSWORD,
// SMTP_FROM); read per send so a changed setting applies without a restart. The password is never logged.
function smtpSettings() {
  const e = process.env;
  return {
    host: e.SMTP_HOST,
    port: Number(e.SMTP_PORT ?? 587),
    secure: /^(1|true|yes)$/i.test(e.SMTP_SECURE ?? ""),
    user: e.SMTP_USER,
    pass: e.SMTP_PASSWORD,
    from: e.SMTP_FROM ?? "Upgrade Monitor <upgrade-monitor@localhost>",
  };
}

export async function sendEmail(recipients: string[], m: AlertMessage, timeoutMs: number): Promise<SendOutcome> {
  const s = smtpSettings();
  if (!s.host) return { ok: false, retryable: false, status: null, answer: "SMTP_HOST is not set" };
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.pass ?? "" } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({ from: s.from, to: recipients, subject: titleOf(m), text: plainText(m) });
    return { ok: true, retryable: false, status: 250, answer: String(info.response ?? "accepted") };
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string };
    // A 5xx reply is the server's final word; 4xx, timeouts and connection errors may pass.
    const code = e.responseCode ?? null;
    return {
      ok: false,
      retryable: code === null || code < 500,
      status: code,
      answer: `${e.code ?? "SMTP"}: ${e.message}`.slice(0, 1000),
    };
  } finally {
    transport.close();
  }
}
