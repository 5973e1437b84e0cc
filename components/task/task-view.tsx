"use client";
import Link from "next/link";
import { useTask } from "@/components/hooks/use-task";
import { useUrlState } from "@/components/hooks/use-url-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Section } from "@/components/ui/section";
import { PlatformMeta } from "@/components/ui/platform-meta";
import { UtcTime } from "@/components/ui/time";
import { DeviceListQuerySchema } from "@/lib/schemas/devices";
import { CompletenessBar } from "./completeness-bar";
import { DisagreementsTable } from "./disagreements-table";
import { ErrorCodesTable } from "./error-codes-table";
import { ExpectedUpload } from "./expected-upload";
import { ResultsChart } from "./results-chart";
import { TaskDevices } from "./task-devices";
import { TaskHeadline } from "./task-headline";
import { TaskLabelEditor } from "./task-label-editor";
import { TransitionsTable } from "./transitions-table";
import { WarningsTable } from "./warnings-table";

/** The `/tasks/[operationId]` page: task data (live) above a URL-filtered device list. */
export function TaskView({ operationId }: { operationId: string }) {
  const { data, error, mutate } = useTask(operationId);
  const { query, update } = useUrlState(DeviceListQuerySchema);

  if (!data)
    return error ? <ErrorNotice error={error} what="the task" /> : <p className="text-sm text-slate-600">Loading…</p>;
  const { task } = data;
  const showErrorCode = (code: string | undefined) =>
    update({ errorCode: code, outcome: undefined, cursor: undefined });
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm">
          <Link href="/" className="text-blue-700 hover:underline">
            ← All tasks
          </Link>
        </p>
        <h1 className="text-lg font-semibold break-all">
          <span className="sr-only">Task </span>
          <span className="font-mono">{task.operationId}</span>
        </h1>
        <TaskLabelEditor operationId={operationId} label={task.label} onSaved={() => void mutate()} />
        <p className="text-sm text-slate-700">
          {task.kind} upgrade · appId <span className="font-mono">{task.appId ?? "—"}</span> · first activity{" "}
          <UtcTime iso={task.firstSeenAt} /> · last activity <UtcTime iso={task.lastSeenAt} />
        </p>
        <PlatformMeta meta={task.platform} />
      </div>
      {error ? <ErrorNotice error={error} what="the latest task data" /> : null}
      <TaskHeadline task={task} />
      <Section title="Completeness against the expected devices" id="completeness-title">
        <div className="space-y-3">
          <CompletenessBar c={data.completeness} />
          <ExpectedUpload operationId={operationId} onSaved={() => void mutate()} />
        </div>
      </Section>
      <div className="grid gap-4 xl:grid-cols-2">
        <Section title="Results over time" id="timeline-title">
          <ResultsChart timeline={data.timeline} />
        </Section>
        <Section title="Error codes of failed devices" id="errors-title">
          <ErrorCodesTable rows={data.errorCodes} selected={query.errorCode} onSelect={showErrorCode} />
        </Section>
      </div>
      <Section title="Version transitions" id="transitions-title">
        <TransitionsTable
          rows={data.transitions}
          selected={query}
          onSelect={(t) =>
            update({
              sourceVersion: t.sourceVersion ?? undefined,
              targetVersion: t.targetVersion ?? undefined,
              cursor: undefined,
            })
          }
        />
      </Section>
      {data.completeness.disagreements > 0 ? (
        <Section title="Platform and our results disagree" id="disagreements-title">
          <DisagreementsTable operationId={operationId} />
        </Section>
      ) : null}
      <Section title="Warnings on stored pushes" id="warnings-title">
        <WarningsTable rows={data.warnings} />
      </Section>
      <Section title="Devices" id="devices-title">
        <TaskDevices
          operationId={operationId}
          query={query}
          update={update}
          errorCodes={data.errorCodes}
          transitions={data.transitions}
        />
      </Section>
    </div>
  );
}
