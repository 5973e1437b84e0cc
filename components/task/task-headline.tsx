import { StatCard } from "@/components/ui/stat-card";
import { formatCount, formatRate } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/time";
import type { TaskSummary } from "@/lib/schemas/responses";

export function TaskHeadline({ task }: { task: TaskSummary }) {
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8" aria-label="Task summary">
      <StatCard label="Devices" value={formatCount(task.devices)} testId="task-devices" />
      <StatCard label="Succeeded" value={formatCount(task.succeeded)} testId="task-succeeded" />
      <StatCard label="Failed" value={formatCount(task.failed)} testId="task-failed" />
      <StatCard label="In progress" value={formatCount(task.inProgress)} testId="task-in-progress" />
      <StatCard
        label="Success rate"
        value={formatRate(task.successRate)}
        hint="latest result"
        testId="task-success-rate"
      />
      <StatCard
        label="First-attempt success"
        value={formatRate(task.firstAttemptSuccessRate)}
        hint={`${formatCount(task.firstAttemptSucceeded)} of ${formatCount(task.devicesWithResult)}`}
        testId="task-first-attempt-rate"
      />
      <StatCard
        label="Recovered"
        value={formatCount(task.recovered)}
        hint="succeeded after a failure"
        testId="task-recovered"
      />
      <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
        <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">Last result received</dt>
        <dd className="text-base font-semibold text-slate-900" data-testid="task-last-result">
          <RelativeTime iso={task.lastResultAt} />
        </dd>
        <dd className="text-xs text-slate-600">{formatCount(task.notifications)} notifications</dd>
      </div>
    </dl>
  );
}
