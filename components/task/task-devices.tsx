"use client";
import { useKeysetPages } from "@/components/hooks/use-keyset-pages";
import { useTaskDevices } from "@/components/hooks/use-task-devices";
import { FailedExportLinks, RetryListLink } from "@/components/exports/export-links";
import { DEVICE_OUTCOME_LABELS, EnumOptions } from "@/components/ui/enum-options";
import { formatCount } from "@/components/ui/format";
import { PagedList } from "@/components/ui/paged-list";
import { Field, SearchInput, selectClass } from "@/components/ui/search-input";
import { taskFailedCsvUrl, taskFailedXlsxUrl, taskRetryListUrl } from "@/lib/schemas/api-url";
import { DEVICE_LIST_STATES, NO_ERROR_CODE, type DeviceListQuery } from "@/lib/schemas/devices";
import type { ErrorCodeRow, TransitionRow } from "@/lib/schemas/responses";
import { DevicesTable } from "./devices-table";

type Patch = Record<string, string | undefined>;

/** The device list of one task: filters (URL), exports (CSV, Excel, retry list) with the same filters, table, pager. */
export function TaskDevices({
  operationId,
  query,
  update,
  errorCodes,
  transitions,
}: {
  operationId: string;
  query: DeviceListQuery;
  update: (patch: Patch) => void;
  errorCodes: ErrorCodeRow[];
  transitions: TransitionRow[];
}) {
  const devices = useTaskDevices(operationId, query);
  const set = (patch: Patch) => update({ ...patch, cursor: undefined });
  const resetKey = JSON.stringify([
    query.outcome,
    query.errorCode,
    query.sourceVersion,
    query.targetVersion,
    query.deviceId,
  ]);
  const pages = useKeysetPages(query.cursor, resetKey, update);
  const transition =
    query.sourceVersion && query.targetVersion ? JSON.stringify([query.sourceVersion, query.targetVersion]) : "";
  const codes = errorCodes.map((c) => c.errorCode ?? NO_ERROR_CODE);
  if (query.errorCode && !codes.includes(query.errorCode)) codes.push(query.errorCode);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <form
          role="search"
          aria-label="Filter devices"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => e.preventDefault()}
        >
          <Field id="device-outcome" label="Outcome">
            <select
              id="device-outcome"
              className={selectClass}
              value={query.outcome ?? ""}
              onChange={(e) => set({ outcome: e.target.value })}
            >
              <option value="">All</option>
              <EnumOptions values={DEVICE_LIST_STATES} labels={DEVICE_OUTCOME_LABELS} />
            </select>
          </Field>
          <Field id="device-error" label="Error code">
            <select
              id="device-error"
              className={`${selectClass} max-w-56`}
              value={query.errorCode ?? ""}
              onChange={(e) => set({ errorCode: e.target.value })}
            >
              <option value="">Any</option>
              {codes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
          <Field id="device-transition" label="Transition">
            <select
              id="device-transition"
              className={`${selectClass} max-w-64`}
              value={transition}
              onChange={(e) => {
                const [sourceVersion, targetVersion] = e.target.value
                  ? (JSON.parse(e.target.value) as [string, string])
                  : [];
                set({ sourceVersion, targetVersion });
              }}
            >
              <option value="">Any</option>
              {transitions
                .filter((t) => t.sourceVersion !== null && t.targetVersion !== null)
                .map((t) => {
                  const v = JSON.stringify([t.sourceVersion, t.targetVersion]);
                  return <option key={v} value={v}>{`${t.sourceVersion} → ${t.targetVersion}`}</option>;
                })}
              {transition &&
              !transitions.some((t) => JSON.stringify([t.sourceVersion, t.targetVersion]) === transition) ? (
                <option value={transition}>{`${query.sourceVersion} → ${query.targetVersion}`}</option>
              ) : null}
            </select>
          </Field>
          <SearchInput
            id="device-search"
            label="deviceId contains"
            value={query.deviceId}
            onChange={(v) => set({ deviceId: v })}
          />
        </form>
        <div className="ml-auto flex flex-col items-end gap-1">
          <FailedExportLinks
            label="Export failed devices"
            csvUrl={taskFailedCsvUrl(operationId, query)}
            xlsxUrl={taskFailedXlsxUrl(operationId, query)}
            testIdPrefix="task"
          />
          <RetryListLink url={taskRetryListUrl(operationId, query)} />
        </div>
      </div>
      <PagedList
        data={devices.data}
        error={devices.error}
        what="the devices"
        pages={pages}
        loading="Loading devices…"
        empty={
          <p className="text-sm text-slate-700" data-testid="devices-empty">
            No device matches these filters.
          </p>
        }
        summary={devices.data ? `${formatCount(devices.data.total)} matching devices` : undefined}
      >
        {(rows) => <DevicesTable rows={rows} />}
      </PagedList>
    </div>
  );
}
