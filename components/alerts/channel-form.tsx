"use client";
import { useState } from "react";
import { ALERT_CHANNELS_KEY } from "@/components/hooks/use-alert-channels";
import { CHANNEL_TYPES, type ChannelType } from "@/lib/schemas/alerts";
import { BUTTON, SelectField, TextField } from "./field";
import { formText, useCreateForm } from "./use-create-form";

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
  const [type, setType] = useState<ChannelType>("webhook");
  const { error, busy, submit } = useCreateForm(ALERT_CHANNELS_KEY, (f) => ({
    name: formText(f, "name"),
    type,
    url: type === "email" ? undefined : formText(f, "url"),
    secret: formText(f, "secret"),
    recipients: type === "email" ? (formText(f, "recipients") ?? "").split(/[,\s]+/).filter(Boolean) : undefined,
  }));

  return (
    <form onSubmit={submit} aria-label="New channel" className="flex flex-wrap items-end gap-2">
      <TextField label="Name" name="name" required />
      <SelectField
        label="Type"
        name="type"
        options={CHANNEL_TYPES}
        value={type}
        onChange={(v) => setType(v as ChannelType)}
      />
      {type === "email" ? (
        <TextField label="Recipients" name="recipients" placeholder="oncall@example.com" required />
      ) : (
        <TextField label="URL" name="url" type="url" required />
      )}
      {type === "email" || type === "slack" || type === "teams" || type === "wecom" ? null : (
        <TextField
          label={type === "webhook" ? "Signing secret" : "Secret (optional)"}
          name="secret"
          type="password"
          required={type === "webhook"}
        />
      )}
      <button type="submit" className={BUTTON} disabled={busy}>
        Add channel
      </button>
      <p className="w-full text-xs text-slate-600">{HINTS[type]}</p>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}
