"use client";
import Link from "next/link";
import { SortHeader } from "@/components/ui/sort-header";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { RateCell } from "@/components/ui/rate-cell";
import { PlatformMeta } from "@/components/ui/platform-meta";
import { UtcTime } from "@/components/ui/time";
import { formatCount } from "@/components/ui/format";
import type { TaskRow } from "@/lib/schemas/responses";

const COLUMNS = [
  { key: "operationId", label: "Task (operationId, label)" },
  { key: "kind", label: "Kind" },
  { key: "appId", label: "appId" },
  { key: "devices", label: "Devices", numeric: true },
  { key: "succeeded", label: "Succeeded", numeric: true },
  { key: "failed", label: "Failed", numeric: true },
  { key: "inProgress", label: "In progress", numeric: true },
  { key: "successRate", label: "Success rate", numeric: true },
] as const;

/** One row per task. Rows in, markup out; sorting is delegated to the container (URL). */
export function TasksTable({
  rows,
  sort,
  order,
  onSort,
}: {
  rows: TaskRow[];
  sort: string;
  order: "asc" | "desc";
  onSort: (key: string) => void;
}) {
  return (
    <TableFrame label="Tasks">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <SortHeader
              key={c.key}
              label={c.label}
              sortKey={c.key}
              current={sort}
              order={order}
              onSort={onSort}
              numeric={"numeric" in c}
            />
          ))}
          <Th className="text-right">Expected</Th>
          <Th className="text-right" title="Expected devices that never reported">
            Pending
          </Th>
          <Th className="text-right" title="In progress with no event for STALE_AFTER_HOURS">
            Stale
          </Th>
          <Th>Versions (source → target)</Th>
          <SortHeader label="First activity" sortKey="firstSeenAt" current={sort} order={order} onSort={onSort} />
          <SortHeader label="Last activity" sortKey="lastSeenAt" current={sort} order={order} onSort={onSort} />
        </tr>
      </thead>
      <tbody data-testid="tasks-rows">
        {rows.map((t) => (
          <tr
            key={t.operationId}
            className="hover:bg-slate-50"
            data-testid="task-row"
            data-operation-id={t.operationId}
          >
            <Td className="max-w-72">
              <Link
                href={`/tasks/${encodeURIComponent(t.operationId)}`}
                className="font-mono text-xs break-all text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                {t.operationId}
              </Link>
              {t.label ? (
                <div className="text-sm font-medium text-slate-900" data-testid="task-row-label">
                  {t.label}
                </div>
              ) : null}
              <PlatformMeta meta={t.platform} />
            </Td>
            <Td>{t.kind}</Td>
            <Td className="max-w-32">
              <DeviceText value={t.appId} mono truncate />
            </Td>
            <Td className="text-right tabular-nums" data-col="devices">
              {formatCount(t.devices)}
            </Td>
            <Td className="text-right tabular-nums" data-col="succeeded">
              {formatCount(t.succeeded)}
            </Td>
            <Td className="text-right tabular-nums" data-col="failed">
              <span className={t.failed > 0 ? "font-semibold text-red-800" : ""}>{formatCount(t.failed)}</span>
            </Td>
            <Td className="text-right tabular-nums" data-col="inProgress">
              {formatCount(t.inProgress)}
            </Td>
            <Td className="text-right" data-col="successRate">
              <RateCell rate={t.successRate} />
            </Td>
            <Td
              className="text-right tabular-nums"
              data-col="expected"
              title={t.expected === null ? "No target list: only devices that reported are known" : undefined}
            >
              {t.expected === null ? <span className="text-slate-500">unknown</span> : formatCount(t.expected)}
            </Td>
            <Td className="text-right tabular-nums" data-col="pending">
              {formatCount(t.pending)}
            </Td>
            <Td className="text-right tabular-nums" data-col="stale">
              <span className={t.stale > 0 ? "font-semibold text-orange-800" : ""}>{formatCount(t.stale)}</span>
            </Td>
            <Td className="max-w-64 text-xs">
              {t.versions.length === 0 ? (
                <span className="text-slate-400">—</span>
              ) : (
                <ul>
                  {t.versions.slice(0, 3).map((v) => (
                    <li key={`${v.sourceVersion}\u0000${v.targetVersion}`} className="font-mono break-all">
                      {v.sourceVersion} → {v.targetVersion}
                    </li>
                  ))}
                  {t.versions.length > 3 ? <li className="text-slate-600">+{t.versions.length - 3} more</li> : null}
                </ul>
              )}
            </Td>
            <Td className="text-xs">
              <UtcTime iso={t.firstSeenAt} />
            </Td>
            <Td className="text-xs">
              <UtcTime iso={t.lastSeenAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
