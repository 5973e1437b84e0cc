import Link from "next/link";
import { CodeMeaning } from "@/components/ui/code-meaning";
import { OutcomeBadge } from "@/components/ui/outcome-badge";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { DeviceTaskRow } from "@/lib/schemas/responses";

/** The device's current state in each task it took part in, oldest task first. */
export function DeviceTasksTable({ rows }: { rows: DeviceTaskRow[] }) {
  return (
    <TableFrame label="Tasks of this device">
      <thead>
        <tr>
          <Th>Task (operationId)</Th>
          <Th>Kind</Th>
          <Th>Outcome / state</Th>
          <Th>Source → target</Th>
          <Th>Current</Th>
          <Th>Error code</Th>
          <Th>Description</Th>
          <Th className="text-right">Attempts</Th>
          <Th>First seen</Th>
          <Th>Last seen</Th>
        </tr>
      </thead>
      <tbody data-testid="device-task-rows">
        {rows.map((t) => (
          <tr key={t.operationId} data-testid="device-task-row" data-operation-id={t.operationId}>
            <Td className="max-w-64">
              <Link
                href={`/tasks/${encodeURIComponent(t.operationId)}`}
                className="font-mono text-xs break-all text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                {t.operationId}
              </Link>
            </Td>
            <Td>{t.kind}</Td>
            <Td>
              <OutcomeBadge outcome={t.outcome} state={t.state} />
            </Td>
            <Td className="font-mono text-xs">
              <DeviceText value={t.sourceVersion} /> → <DeviceText value={t.targetVersion} />
            </Td>
            <Td className="font-mono text-xs">
              <DeviceText value={t.curVersion} />
            </Td>
            <Td>
              <DeviceText value={t.outcome === "succeeded" ? null : t.errorCode} mono />
              {t.outcome === "succeeded" ? null : <CodeMeaning meaning={t.errorMeaning} />}
            </Td>
            <Td className="max-w-64 text-xs">
              <DeviceText value={t.description} />
            </Td>
            <Td className="text-right tabular-nums">
              {t.attempts}
              {t.failedAttempts > 0 ? ` (${t.failedAttempts} failed)` : ""}
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
