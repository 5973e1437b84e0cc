import Link from "next/link";
import { CodeMeaning } from "@/components/ui/code-meaning";
import { Tag } from "@/components/ui/outcome-badge";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { DeviceEvent } from "@/lib/schemas/responses";

/**
 * Every push of the device in arrival order: state changes and result attempts. The result each
 * task's outcome comes from, and its first attempt, are marked as the ordering rule decided them.
 */
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
          <Th>Warnings</Th>
        </tr>
      </thead>
      <tbody data-testid="device-event-rows">
        {rows.map((e) => (
          <tr key={e.id} data-testid="device-event-row">
            <Td className="text-xs">
              <UtcTime iso={e.receivedAt} />
            </Td>
            <Td className="max-w-56">
              <Link
                href={`/tasks/${encodeURIComponent(e.operationId)}`}
                className="font-mono text-xs break-all text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                {e.operationId}
              </Link>
            </Td>
            <Td className="font-mono text-xs">{e.notifyType}</Td>
            <Td>
              {e.event === "result" ? (
                <span className="flex flex-wrap items-center gap-1">
                  <Tag tone={e.result === "FAIL" ? "red" : "slate"}>
                    {e.result === "FAIL" ? "✕ FAIL" : `✓ ${e.result ?? ""}`}
                  </Tag>
                  {e.latest ? (
                    <span className="text-xs text-slate-700" data-testid="event-latest">
                      latest (counts)
                    </span>
                  ) : null}
                  {e.firstAttempt ? (
                    <span className="text-xs text-slate-600" data-testid="event-first">
                      first attempt
                    </span>
                  ) : null}
                </span>
              ) : (
                <span className="text-xs">
                  <DeviceText value={e.state} />
                  {e.step !== null ? (
                    <span className="text-slate-600">
                      {" "}
                      (step <DeviceText value={e.step} />)
                    </span>
                  ) : null}
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
            <Td className="font-mono text-xs">
              <DeviceText value={e.event === "result" ? e.curVersion : null} />
            </Td>
            <Td>
              <DeviceText value={e.errorCode} mono />
              <CodeMeaning meaning={e.errorMeaning} />
            </Td>
            <Td className="max-w-64 text-xs">
              <DeviceText value={e.description ?? e.resultDesc} />
            </Td>
            <Td className="text-xs">
              {e.upgradeAt ? <UtcTime iso={e.upgradeAt} /> : <DeviceText value={e.upgradeTime} mono />}
              {e.event === "result" && e.upgradeAt && !e.deviceTimeUsed ? (
                <span className="block text-amber-800" title="Not a plausible device time: arrival order was used">
                  implausible, not used
                </span>
              ) : null}
            </Td>
            <Td className="max-w-64 text-xs" data-testid="event-warnings">
              {e.warnings.map((w, i) => (
                <span key={i} className="block text-amber-800">
                  <span className="font-mono">{w.field}</span>: {w.problem}
                </span>
              ))}
            </Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
