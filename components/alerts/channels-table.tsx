"use client";
import { useState } from "react";
import { useSWRConfig } from "swr";
import { ALERT_CHANNELS_KEY } from "@/components/hooks/use-alert-channels";
import { ALERT_RULES_KEY } from "@/components/hooks/use-alert-rules";
import { TableFrame, Td, Th } from "@/components/ui/table";
import type { ChannelView, SendTestResult } from "@/lib/schemas/alerts";
import { LINK_BUTTON } from "./field";
import { describeError, sendJson } from "./send-json";

/** Channels with a "Send test" per row that shows what the receiver answered. */
export function ChannelsTable({ channels }: { channels: ChannelView[] }) {
  const { mutate } = useSWRConfig();
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);

  async function test(id: number) {
    setBusy(id);
    try {
      const r = (await sendJson<SendTestResult>("POST", `${ALERT_CHANNELS_KEY}/${id}/test`))!;
      setAnswers((a) => ({
        ...a,
        [id]: `${r.ok ? "Delivered" : "Failed"}${r.status !== null ? ` (${r.status})` : ""}: ${r.answer || "(empty answer)"}`,
      }));
    } catch (err) {
      setAnswers((a) => ({ ...a, [id]: describeError(err) }));
    } finally {
      setBusy(null);
    }
  }

  async function remove(id: number) {
    await sendJson("DELETE", `${ALERT_CHANNELS_KEY}/${id}`).catch(() => undefined);
    await Promise.all([mutate(ALERT_CHANNELS_KEY), mutate(ALERT_RULES_KEY)]);
  }

  if (channels.length === 0)
    return <p className="text-sm text-slate-700">No channel yet. Add one above, then send it a test.</p>;
  return (
    <TableFrame label="Channels">
      <thead>
        <tr>
          <Th>#</Th>
          <Th>Name</Th>
          <Th>Type</Th>
          <Th>Target</Th>
          <Th>Secret</Th>
          <Th>Actions</Th>
        </tr>
      </thead>
      <tbody>
        {channels.map((c) => (
          <tr key={c.id} data-testid={`channel-${c.id}`}>
            <Td className="tabular-nums">{c.id}</Td>
            <Td>{c.name}</Td>
            <Td>{c.type}</Td>
            <Td className="font-mono text-xs break-all">{c.type === "email" ? c.recipients.join(", ") : c.urlHint}</Td>
            <Td>{c.hasSecret ? "set (hidden)" : "—"}</Td>
            <Td>
              <div className="flex gap-3">
                <button type="button" className={LINK_BUTTON} disabled={busy === c.id} onClick={() => void test(c.id)}>
                  Send test
                </button>
                <button type="button" className={LINK_BUTTON} onClick={() => void remove(c.id)}>
                  Delete
                </button>
              </div>
              {answers[c.id] ? (
                <p className="mt-1 max-w-md text-xs break-all text-slate-700" data-testid="test-answer">
                  {answers[c.id]}
                </p>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
