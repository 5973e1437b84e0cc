import { TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import { formatCount } from "@/components/ui/format";
import type { IgnoredTypeRow } from "@/lib/schemas/responses";

/** JSON pushes with a notifyType that is not an upgrade push: counted, not stored. */
export function IgnoredTypesTable({ rows }: { rows: IgnoredTypeRow[] }) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="ignored-empty">
        No other notifyType has been received.
      </p>
    );
  return (
    <TableFrame label="Ignored notifyTypes">
      <thead>
        <tr>
          <Th>notifyType</Th>
          <Th className="text-right">Count</Th>
          <Th>First seen</Th>
          <Th>Last seen</Th>
        </tr>
      </thead>
      <tbody data-testid="ignored-rows">
        {rows.map((r) => (
          <tr key={r.notifyType} data-testid="ignored-row" data-notify-type={r.notifyType}>
            <Td className="font-mono text-xs break-all">{r.notifyType}</Td>
            <Td className="text-right tabular-nums" data-col="count">
              {formatCount(r.count)}
            </Td>
            <Td className="text-xs">
              <UtcTime iso={r.firstSeenAt} />
            </Td>
            <Td className="text-xs">
              <UtcTime iso={r.lastSeenAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
