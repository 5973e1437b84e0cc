import Link from "next/link";
import { CodeMeaning } from "@/components/ui/code-meaning";
import { OutcomeBadge, Tag } from "@/components/ui/outcome-badge";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { DeviceRow } from "@/lib/schemas/responses";

const CONTRADICTION = {
  success_not_on_target: { short: "not on target", long: "SUCCESS but curVersion ≠ targetVersion" },
  fail_on_target: { short: "already on target", long: "FAIL but curVersion = targetVersion" },
} as const;

/** A task's devices, one row each. Every device-provided value is rendered as text. */
export function DevicesTable({ rows }: { rows: DeviceRow[] }) {
  return (
    <TableFrame label="Devices">
      <thead>
        <tr>
          <Th>deviceId</Th>
          <Th>subOperationId</Th>
          <Th>Outcome / state</Th>
          <Th>Source → target</Th>
          <Th>Current</Th>
          <Th>Error code</Th>
          <Th>Description</Th>
          <Th className="text-right">Attempts</Th>
          <Th>Upgrade time</Th>
          <Th>Received</Th>
        </tr>
      </thead>
      <tbody data-testid="device-rows">
        {rows.map((d) => (
          <tr key={d.deviceId} className="hover:bg-slate-50" data-testid="device-row" data-device-id={d.deviceId}>
            <Td className="max-w-64 min-w-44">
              <Link
                href={`/devices/${encodeURIComponent(d.deviceId)}`}
                className="font-mono text-xs break-all text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                {d.deviceId}
              </Link>
            </Td>
            <Td className="max-w-48 min-w-32">
              <DeviceText value={d.subOperationId} mono />
            </Td>
            <Td>
              <OutcomeBadge outcome={d.outcome} state={d.state} stale={d.stale} />
              {d.platformStatus ? <div className="text-xs text-slate-600">platform: {d.platformStatus}</div> : null}
            </Td>
            <Td className="max-w-48 font-mono text-xs">
              <DeviceText value={d.sourceVersion} /> → <DeviceText value={d.targetVersion} />
            </Td>
            <Td className="max-w-40 min-w-24 font-mono text-xs">
              <DeviceText value={d.curVersion} />
              {d.contradiction ? (
                <div>
                  <Tag tone="amber" title={CONTRADICTION[d.contradiction].long}>
                    ⚠ {CONTRADICTION[d.contradiction].short}
                    <span className="sr-only">: {CONTRADICTION[d.contradiction].long}</span>
                  </Tag>
                </div>
              ) : null}
            </Td>
            <Td className="max-w-40">
              <DeviceText value={d.outcome === "succeeded" ? null : d.errorCode} mono />
              {d.outcome === "succeeded" ? null : <CodeMeaning meaning={d.errorMeaning} />}
            </Td>
            <Td className="max-w-72 text-xs">
              <DeviceText value={d.description ?? d.resultDesc} />
            </Td>
            <Td className="text-right tabular-nums">
              {d.attempts}
              {d.failedAttempts > 0 ? (
                <span className="text-xs text-slate-600"> ({d.failedAttempts} failed)</span>
              ) : null}
            </Td>
            <Td className="text-xs">
              {d.upgradeAt ? <UtcTime iso={d.upgradeAt} /> : <DeviceText value={d.upgradeTime} mono />}
            </Td>
            <Td className="text-xs">{d.receivedAt ? <UtcTime iso={d.receivedAt} /> : "never"}</Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
