"use client";
import { useFleetSummary } from "@/components/hooks/use-fleet-summary";
import { useKeysetPages } from "@/components/hooks/use-keyset-pages";
import { useTasks } from "@/components/hooks/use-tasks";
import { useUrlState } from "@/components/hooks/use-url-state";
import { FailedExportLinks } from "@/components/exports/export-links";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { PagedList } from "@/components/ui/paged-list";
import { allFailedCsvUrl, allFailedXlsxUrl } from "@/lib/schemas/api-url";
import { defaultOrder, TaskListQuerySchema, type TaskSortKey } from "@/lib/schemas/tasks";
import { FleetHeadline } from "./fleet-headline";
import { TasksFilters } from "./tasks-filters";
import { TasksTable } from "./tasks-table";

/** The `/` page: URL state → hooks → headline, filters, table, pager. */
export function TasksView({ callbackUrl }: { callbackUrl: string }) {
  const { query, update } = useUrlState(TaskListQuerySchema);
  const tasks = useTasks(query);
  const summary = useFleetSummary(query);
  const order = query.order ?? defaultOrder(query.sort);
  const filtered = Boolean(query.operationId || query.outcome || query.from || query.to);
  const pages = useKeysetPages(
    query.cursor,
    JSON.stringify([query.operationId, query.outcome, query.from, query.to, query.sort, order]),
    update,
  );

  const onSort = (key: string) => {
    const same = key === query.sort;
    const nextOrder = same ? (order === "asc" ? "desc" : "asc") : defaultOrder(key as TaskSortKey);
    update({ sort: key, order: nextOrder, cursor: undefined });
  };

  if (!filtered && summary.data?.tasks === 0 && tasks.data?.items.length === 0) {
    return <EmptyState title="No upgrade notification has arrived yet" callbackUrl={callbackUrl} />;
  }

  return (
    <div className="space-y-4">
      {summary.error ? <ErrorNotice error={summary.error} what="the fleet summary" /> : null}
      {summary.data ? (
        <FleetHeadline summary={summary.data} />
      ) : (
        <div className="h-20 animate-pulse rounded-md bg-slate-200" />
      )}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <TasksFilters query={query} onChange={update} />
        <FailedExportLinks
          label="Export failed devices of these tasks"
          csvUrl={allFailedCsvUrl(query)}
          xlsxUrl={allFailedXlsxUrl(query)}
          testIdPrefix="all"
        />
      </div>
      <PagedList
        data={tasks.data}
        error={tasks.error}
        what="the tasks"
        pages={pages}
        loading="Loading tasks…"
        empty={
          <p
            className="rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-700"
            data-testid="tasks-empty"
          >
            No task matches these filters.
          </p>
        }
      >
        {(rows) => <TasksTable rows={rows} sort={query.sort} order={order} onSort={onSort} />}
      </PagedList>
    </div>
  );
}
