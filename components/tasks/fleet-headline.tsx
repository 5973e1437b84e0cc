import { CodeMeaning } from "@/components/ui/code-meaning";
import { StatCard } from "@/components/ui/stat-card";
import { formatCount, formatRate } from "@/components/ui/format";
import { NO_ERROR_CODE } from "@/lib/schemas/devices";
import type { FleetSummary } from "@/lib/schemas/responses";

/** Totals over the tasks the filters select, and their most common error codes. */
export function FleetHeadline({ summary }: { summary: FleetSummary }) {
  return (
    <div className="grid gap-3 lg:grid-cols-[2fr_1fr]">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6" aria-label="Fleet summary">
        <StatCard label="Tasks" value={formatCount(summary.tasks)} testId="fleet-tasks" />
        <StatCard label="Devices" value={formatCount(summary.devices)} hint="distinct" testId="fleet-devices" />
        <StatCard
          label="Success rate"
          value={formatRate(summary.successRate)}
          hint="of devices with a result"
          testId="fleet-success-rate"
        />
        <StatCard label="Succeeded" value={formatCount(summary.succeeded)} testId="fleet-succeeded" />
        <StatCard label="Failed" value={formatCount(summary.failed)} testId="fleet-failed" />
        <StatCard label="In progress" value={formatCount(summary.inProgress)} testId="fleet-in-progress" />
        {summary.lostPushes > 0 ? (
          <StatCard
            label="Lost pushes"
            value={formatCount(summary.lostPushes)}
            hint="results read from the platform, never received"
            testId="fleet-lost-pushes"
          />
        ) : null}
      </dl>
      <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
        <h2 className="text-xs font-medium tracking-wide text-slate-600 uppercase">Top error codes</h2>
        {summary.topErrorCodes.length === 0 ? (
          <p className="text-sm text-slate-600">No failures in this selection.</p>
        ) : (
          <ol className="mt-1 space-y-0.5 text-sm" data-testid="fleet-top-errors">
            {summary.topErrorCodes.map((c) => (
              <li key={`${c.kind}:${c.errorCode ?? NO_ERROR_CODE}`} className="flex justify-between gap-2">
                <span className="min-w-0" title={c.description ?? undefined}>
                  <span className="truncate font-mono text-xs">{c.errorCode ?? NO_ERROR_CODE}</span>
                  {c.kind === "firmware" ? <span className="ml-1 text-xs text-slate-500">(firmware)</span> : null}
                  <CodeMeaning meaning={c.meaning} />
                </span>
                <span className="text-slate-700 tabular-nums">
                  {formatCount(c.devices)} ({formatRate(c.share)})
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
