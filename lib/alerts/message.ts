import type { RuleKind } from "@/lib/schemas/alerts";

/** What every channel tells: the webhook sends it as JSON, chat bots and email render it as text. */
export interface AlertMessage {
  event: "alert.fired" | "alert.resolved" | "alert.test";
  rule: { id: number; name: string; kind: RuleKind | "test" };
  operationId: string | null;
  figures: Record<string, unknown>;
  url: string | null;
  at: string;
}

const pct = (x: unknown) => (typeof x === "number" ? `${(x * 100).toFixed(1)} %` : "?");

/** One sentence with the figures that matter for the rule's kind. */
function describeFigures(kind: string, f: Record<string, unknown>): string {
  switch (kind) {
    case "failure_rate":
      return `failure rate ${pct(f.rate)} (${f.failed} failed of ${f.withResult} devices with a result; threshold ${pct(f.threshold)})`;
    case "error_code":
      return `error code ${f.errorCode}: ${f.devices} failed devices (${pct(f.share)} of ${f.failed} failures)`;
    case "stale_devices":
      return `${f.stale} devices in progress with no event for ${f.minutes} min`;
    case "callback_silence":
      return `no push accepted for ${f.minutes} min (last at ${f.lastPushAt ?? "never"}) while ${f.tasksInProgress} tasks are in progress`;
    case "quarantine_spike":
      return `${f.refused} refused requests in the last ${f.minutes} min`;
    default:
      return "test message from Upgrade Monitor";
  }
}

export function titleOf(m: AlertMessage): string {
  const state = m.event === "alert.fired" ? "FIRING" : m.event === "alert.resolved" ? "RESOLVED" : "TEST";
  return `[${state}] ${m.rule.name}${m.operationId ? ` — task ${m.operationId}` : ""}`;
}

export function plainText(m: AlertMessage): string {
  const lines = [titleOf(m), describeFigures(m.rule.kind, m.figures), `at ${m.at}`];
  if (m.url) lines.push(m.url);
  return lines.join("\n");
}

export function markdownText(m: AlertMessage): string {
  const lines = [`**${titleOf(m)}**`, describeFigures(m.rule.kind, m.figures), `at ${m.at}`];
  if (m.url) lines.push(`[Open the task](${m.url})`);
  return lines.join("\n\n");
}
