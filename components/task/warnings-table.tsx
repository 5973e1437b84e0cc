import { formatCount } from "@/components/ui/format";
import { TableFrame, Td, Th } from "@/components/ui/table";
import type { WarningRow } from "@/lib/schemas/responses";

/**
 * Documented fields the platform sent missing or mistyped in this task's pushes. The pushes were
 * stored anyway; a sudden count here usually means the platform changed its format.
 */
export function WarningsTable({ rows }: { rows: WarningRow[] }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">Every push had its documented fields as documented.</p>;
  return (
    <TableFrame label="Warnings on stored pushes">
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>Problem</Th>
          <Th className="text-right">Pushes</Th>
        </tr>
      </thead>
      <tbody data-testid="warning-rows">
        {rows.map((w) => (
          <tr key={`${w.field}\u0000${w.problem}`} data-testid="warning-row">
            <Td className="font-mono text-xs">{w.field}</Td>
            <Td className="text-xs">{w.problem}</Td>
            <Td className="text-right tabular-nums">{formatCount(w.notifications)}</Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
