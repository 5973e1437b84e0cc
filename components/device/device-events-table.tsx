import Link from "next/link";
import { Tag } from "@/components/ui/outcome-badge";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { DeviceEvent } from "@/lib/schemas/responses";

/** Every push of the device in arrival order: state changes and result attempts. */
export function DeviceEventsTable({ rows }: { rows: DeviceEvent[] }) {
  return (
    <TableFrame label="Notifications of this device">
      <thead>
        <tr>
          <Th>Received</Th>
          <Th>Task</Th>
          <Th>Type</Th>
          <Th>Result / state</Th>
          <Th>Source → target</Th>
          <Th>Current</Th>
          <Th>Error code</Th>
          <Th>Description</Th>
          <Th>Upgrade time</Th>
        </tr>
      </thead>
      <tbody data-testid="device-event-rows">
        {rows.map((e) => (
          <tr key={e.id} data-testid="device-event-row">
            <Td className="text-xs"><UtcTime iso={e.receivedAt} /></Td>
            <Td className="max-w-56">
              <Link href={`/tasks/${encodeURIComponent(e.operationId)}`} className="break-all font-mono text-xs text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
                {e.operationId}
              </Link>
            </Td>
            <Td className="font-mono text-xs">{e.notifyType}</Td>
            <Td>
              {e.event === "result" ? (
                <Tag tone={e.result === "FAIL" ? "red" : "slate"}>{e.result === "FAIL" ? "✕ FAIL" : `✓ ${e.result ?? ""}`}</Tag>
              ) : (
                <span className="text-xs">
                  <DeviceText value={e.state} />
                  {e.step !== null ? <span className="text-slate-600"> (step <DeviceText value={e.step} />)</span> : null}
                </span>
              )}
            </Td>
            <Td className="font-mono text-xs">
              {e.event === "result" ? (
                <>
                  <DeviceText value={e.sourceVersion} /> → <DeviceText value={e.targetVersion} />
                </>
              ) : null}
            </Td>
            <Td className="font-mono text-xs"><DeviceText value={e.event === "result" ? e.curVersion : null} /></Td>
            <Td><DeviceText value={e.errorCode} mono /></Td>
            <Td className="max-w-64 text-xs"><DeviceText value={e.description ?? e.resultDesc} /></Td>
            <Td className="text-xs">{e.upgradeAt ? <UtcTime iso={e.upgradeAt} /> : <DeviceText value={e.upgradeTime} mono />}</Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
