import type { Metadata } from "next";
import { connection } from "next/server";
import { AlertsView } from "@/components/alerts/alerts-view";
import { SwrProvider } from "@/components/swr-provider";
import { listChannels } from "@/lib/alerts/channels";
import { listFirings } from "@/lib/alerts/firing-list";
import { listRules } from "@/lib/alerts/rules";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  await connection();
  // First render from the database; a failure here leaves the hooks to load (and report) on their own.
  const [channels, rules, firings] = await Promise.all([listChannels(), listRules(), listFirings()]).catch(
    () => [null, null, null] as const,
  );
  const fallback: Record<string, unknown> = {};
  if (channels) fallback["/api/alerts/channels"] = { channels };
  if (rules) fallback["/api/alerts/rules"] = { rules };
  if (firings) fallback["/api/alerts/firings"] = { firings };
  return (
    <SwrProvider fallback={fallback}>
      <AlertsView />
    </SwrProvider>
  );
}
