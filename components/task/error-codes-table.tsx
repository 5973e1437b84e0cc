"use client";
import { CodeMeaning } from "@/components/ui/code-meaning";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { formatCount, formatRate } from "@/components/ui/format";
import { NO_ERROR_CODE } from "@/lib/schemas/devices";
import type { ErrorCodeRow } from "@/lib/schemas/responses";

/** Failed devices by error code; choosing a code filters the device list below. */
export function ErrorCodesTable({
  rows,
  selected,
  onSelect,
}: {
  rows: ErrorCodeRow[];
  selected?: string;
  onSelect: (code: string | undefined) => void;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No failed device in this task.</p>;
  return (
    <TableFrame label="Error codes">
      <thead>
        <tr>
          <Th>Error code</Th>
          <Th>Meaning</Th>
          <Th>Most common description</Th>
          <Th className="text-right">Devices</Th>
          <Th className="text-right">Share of failures</Th>
        </tr>
      </thead>
      <tbody data-testid="error-code-rows">
        {rows.map((c) => {
          const code = c.errorCode ?? NO_ERROR_CODE;
          const active = selected === code;
          return (
            <tr key={code} className={active ? "bg-blue-50" : ""} data-testid="error-code-row" data-error-code={code}>
              <Td>
                <button
                  type="button"
                  aria-pressed={active}
                  onClick={() => onSelect(active ? undefined : code)}
                  title={active ? "Show all devices again" : "Show the devices that failed with this code"}
                  className="rounded px-1 text-left font-mono text-xs break-all text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  {c.errorCode === null ? <em className="text-slate-600 not-italic">{NO_ERROR_CODE}</em> : c.errorCode}
                </button>
              </Td>
              <Td className="max-w-64">
                <CodeMeaning meaning={c.meaning} />
              </Td>
              <Td className="max-w-md text-xs">
                <DeviceText value={c.description} />
              </Td>
              <Td className="text-right tabular-nums">{formatCount(c.devices)}</Td>
              <Td className="text-right tabular-nums">{formatRate(c.share)}</Td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
