"use client";
import { useSWRConfig } from "swr";
import { ALERT_RULES_KEY } from "@/components/hooks/use-alert-rules";
import { TableFrame, Td, Th } from "@/components/ui/table";
import type { ChannelView, RuleView } from "@/lib/schemas/alerts";
import { LINK_BUTTON } from "./field";
import { sendJson } from "./send-json";

/** The condition in words, e.g. "failed ÷ with result ≥ 0.2 once ≥ 10 results". */
function describeRule(r: RuleView): string {
  switch (r.kind) {
    case "failure_rate":
      return `failed ÷ with result ≥ ${r.threshold} once ≥ ${r.minResults ?? 1} results`;
    case "error_code":
      return `${r.errorCode ? `code ${r.errorCode}` : "any single code"}${r.minDevices ? ` on ≥ ${r.minDevices} devices` : ""}${r.threshold !== null ? ` and ≥ ${r.threshold} of failures` : ""}`;
    case "stale_devices":
      return `≥ ${r.minDevices} devices in progress with no event for ${r.minutes} min`;
    case "callback_silence":
      return `no push for ${r.minutes} min while a task is in progress`;
    case "quarantine_spike":
      return `≥ ${r.minRequests} refused requests in ${r.minutes} min`;
  }
}

export function RulesTable({ rules, channels }: { rules: RuleView[]; channels: ChannelView[] }) {
  const { mutate } = useSWRConfig();
  const names = new Map(channels.map((c) => [c.id, c.name]));
  const act = async (method: "PATCH" | "DELETE", id: number, body?: unknown) => {
    await sendJson(method, `${ALERT_RULES_KEY}/${id}`, body).catch(() => undefined);
    await mutate(ALERT_RULES_KEY);
  };
  if (rules.length === 0) return <p className="text-sm text-slate-700">No rule yet.</p>;
  return (
    <TableFrame label="Rules">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Condition</Th>
          <Th>Scope</Th>
          <Th>Channels</Th>
          <Th>State</Th>
          <Th>Actions</Th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id}>
            <Td>{r.name}</Td>
            <Td>{describeRule(r)}</Td>
            <Td className="break-all">
              {r.operationId ??
                (r.match
                  ? `contains “${r.match}”`
                  : r.kind === "callback_silence" || r.kind === "quarantine_spike"
                    ? "fleet"
                    : "every task")}
            </Td>
            <Td>{r.channelIds.map((id) => names.get(id) ?? `#${id}`).join(", ") || "—"}</Td>
            <Td>{r.enabled ? "enabled" : "disabled"}</Td>
            <Td>
              <div className="flex gap-3">
                <button
                  type="button"
                  className={LINK_BUTTON}
                  onClick={() => void act("PATCH", r.id, { enabled: !r.enabled })}
                >
                  {r.enabled ? "Disable" : "Enable"}
                </button>
                <button type="button" className={LINK_BUTTON} onClick={() => void act("DELETE", r.id)}>
                  Delete
                </button>
              </div>
            </Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
