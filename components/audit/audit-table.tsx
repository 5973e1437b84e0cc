import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { AuditEventItem } from "@/lib/schemas/audit";

/** Audit events, newest first; every value is rendered as text (user names are as typed, hostile or not). */
export function AuditTable({ items }: { items: AuditEventItem[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">No audit events match these filters.</p>;
  return (
    <TableFrame label="Audit events">
      <thead>
        <tr>
          <Th>Time (UTC)</Th>
          <Th>Kind</Th>
          <Th>User</Th>
          <Th>Method</Th>
          <Th>Address</Th>
          <Th>Target</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id} data-kind={e.kind}>
            <Td>
              <UtcTime iso={e.at} />
            </Td>
            <Td>{e.kind.replaceAll("_", " ")}</Td>
            <Td>
              <DeviceText value={e.actor} />
            </Td>
            <Td>{e.method ?? "—"}</Td>
            <Td>
              <DeviceText value={e.clientIp} mono />
            </Td>
            <Td>
              <DeviceText value={e.target} mono />
            </Td>
            <Td>
              <DeviceText value={e.details == null ? null : JSON.stringify(e.details)} mono />
            </Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
