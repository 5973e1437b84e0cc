"use client";

import { useHealth } from "@/components/hooks/use-health";

/** Views more than this far behind the log say so: below it, "live" is true enough. */
const SHOW_AFTER_SECONDS = 5;

/**
 * "As of …" when the counts on the page lag the acknowledged pushes (the projector catching up after
 * a burst or an outage): the numbers are right as of that moment, and more are on their way.
 */
export function ProjectionLagNotice() {
  const { data } = useHealth();
  const lag = data?.projection;
  if (!lag?.asOf || lag.pendingEvents === 0 || lag.lagSeconds < SHOW_AFTER_SECONDS) return null;
  const asOf = new Date(lag.asOf);
  return (
    <p role="status" className="w-full rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
      Numbers as of {asOf.toLocaleTimeString()} ({Math.round(lag.lagSeconds)} s behind):{" "}
      {lag.pendingEvents.toLocaleString()} received notifications are still being counted.
    </p>
  );
}
