"use client";
import { useState } from "react";
import { useSWRConfig } from "swr";
import { ALERT_CHANNELS_KEY } from "@/components/hooks/use-alert-channels";
import { CHANNEL_TYPES, type ChannelType } from "@/lib/schemas/alerts";
import { BUTTON, SelectField, TextField } from "./field";
import { describeError, sendJson } from "./send-json";

const HINTS: Record<ChannelType, string> = {
  webhook: "POSTs signed JSON (X-Upgrade-Monitor-Signature) to your endpoint.",
  slack: "Slack incoming webhook URL (Mattermost and Rocket.Chat work too).",
  teams: "Teams Workflows URL (“When a Teams webhook request is received”).",
  dingtalk: "DingTalk robot URL with access_token; the SEC… signing secret if set.",
  wecom: "WeCom group robot URL (…/webhook/send?key=…).",
  feishu: "Feishu/Lark custom bot URL; the signature secret if set.",
  email: "Recipients, comma-separated; SMTP settings come from the server environment.",
};

/** New channel. The URL and secret are write-only: after saving they are never shown again. */
export function ChannelForm() {
  const { mutate } = useSWRConfig();
  const [type, setType] = useState<ChannelType>("webhook");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    const body = {
      name: text("name"), type, url: type === "email" ? undefined : text("url"), secret: text("secret"),
      recipients: type === "email" ? (text("recipients") ?? "").split(/[,\s]+/).filter(Boolean) : undefined,
    };
    setBusy(true);
    try {
      await sendJson("POST", ALERT_CHANNELS_KEY, body);
      form.reset();
      setError(null);
      await mutate(ALERT_CHANNELS_KEY);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="New channel" className="flex flex-wrap items-end gap-2">
      <TextField label="Name" name="name" required />
      <SelectField label="Type" name="type" options={CHANNEL_TYPES} value={type} onChange={(v) => setType(v as ChannelType)} />
      {type === "email" ? <TextField label="Recipients" name="recipients" placeholder="oncall@example.com" required /> : <TextField label="URL" name="url" type="url" required />}
      {type === "email" || type === "slack" || type === "teams" || type === "wecom" ? null : <TextField label={type === "webhook" ? "Signing secret" : "Secret (optional)"} name="secret" type="password" required={type === "webhook"} />}
      <button type="submit" className={BUTTON} disabled={busy}>
        Add channel
      </button>
      <p className="w-full text-xs text-slate-600">{HINTS[type]}</p>
      {error ? <p role="alert" className="w-full text-sm text-red-800">{error}</p> : null}
    </form>
  );
}
