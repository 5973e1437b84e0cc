"use client";
import Link from "next/link";
import { useState } from "react";
import { useTaskDisagreements } from "@/components/hooks/use-task-disagreements";
import { ErrorNotice } from "@/components/ui/error-notice";
import { OutcomeBadge } from "@/components/ui/outcome-badge";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";

const PAGE = 20;

/** Devices whose platform status (SUCCESS/FAIL) contradicts their outcome here, 20 a page. */
export function DisagreementsTable({ operationId }: { operationId: string }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const { data, error } = useTaskDisagreements(operationId, { cursor, limit: PAGE });
  if (error) return <ErrorNotice error={error} what="the disagreements" />;
  if (!data) return <p className="text-sm text-slate-600">Loading…</p>;
  if (data.items.length === 0 && cursors.length === 1)
    return <p className="text-sm text-slate-700">None: where the platform reports a result, it agrees with ours.</p>;
  return (
    <div className="space-y-2">
      <TableFrame label="Disagreements">
        <thead>
          <tr>
            <Th>deviceId</Th>
            <Th>Platform says</Th>
            <Th>Our latest result</Th>
            <Th>Platform updated</Th>
            <Th>Result received</Th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((r) => (
            <tr key={r.deviceId} data-testid="disagreement-row">
              <Td>
                <Link
                  href={`/devices/${encodeURIComponent(r.deviceId)}`}
                  className="font-mono text-xs break-all text-blue-700 hover:underline"
                >
                  {r.deviceId}
                </Link>
              </Td>
              <Td className="text-xs">
                {r.platformStatus} <DeviceText value={r.platformDetail} />
              </Td>
              <Td>
                <OutcomeBadge outcome={r.outcome} />
              </Td>
              <Td className="text-xs">{r.platformUpdatedAt ? <UtcTime iso={r.platformUpdatedAt} /> : "—"}</Td>
              <Td className="text-xs">{r.receivedAt ? <UtcTime iso={r.receivedAt} /> : "—"}</Td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <div className="flex gap-3 text-sm">
        <button
          type="button"
          disabled={cursors.length === 1}
          className="text-blue-700 disabled:text-slate-400"
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Previous
        </button>
        <button
          type="button"
          disabled={!data.nextCursor}
          className="text-blue-700 disabled:text-slate-400"
          onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
        >
          Next
        </button>
      </div>
    </div>
  );
}
