"use client";
import { useAlertChannels } from "@/components/hooks/use-alert-channels";
import { useAlertFirings } from "@/components/hooks/use-alert-firings";
import { useAlertRules } from "@/components/hooks/use-alert-rules";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Section } from "@/components/ui/section";
import { ChannelForm } from "./channel-form";
import { ChannelsTable } from "./channels-table";
import { FiringsTable } from "./firings-table";
import { RuleForm } from "./rule-form";
import { RulesTable } from "./rules-table";

/** The `/alerts` page: firings first (what happened), then rules and channels (what to watch, whom to tell). */
export function AlertsView() {
  const channels = useAlertChannels();
  const rules = useAlertRules();
  const firings = useAlertFirings();
  const channelList = channels.data?.channels ?? [];
  const error = channels.error ?? rules.error ?? firings.error;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Alerts</h1>
        <p className="text-sm text-slate-700">
          Rules are checked within seconds of every change to a task, and on a schedule for silence, quarantine spikes
          and stale devices. Each alert fires once when its condition becomes true and resolves once when it stops.
        </p>
      </div>
      {error ? <ErrorNotice error={error} what="alerts" /> : null}
      <Section title="Firings" id="firings-title">
        {firings.data ? (
          <FiringsTable firings={firings.data.firings} channels={channelList} />
        ) : (
          <p className="text-sm text-slate-600">Loading…</p>
        )}
      </Section>
      <Section title="Rules" id="rules-title">
        <div className="space-y-3">
          <RuleForm channels={channelList} />
          {rules.data ? <RulesTable rules={rules.data.rules} channels={channelList} /> : null}
        </div>
      </Section>
      <Section title="Channels" id="channels-title">
        <div className="space-y-3">
          <ChannelForm />
          {channels.data ? <ChannelsTable channels={channelList} /> : null}
        </div>
      </Section>
    </div>
  );
}
