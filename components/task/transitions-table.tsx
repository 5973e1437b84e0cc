"use client";
import { DeviceText, TableFrame, Td, Th } from "@/components/ui/table";
import { RateCell } from "@/components/ui/rate-cell";
import { Tag } from "@/components/ui/outcome-badge";
import { formatCount } from "@/components/ui/format";
import type { TransitionRow } from "@/lib/schemas/responses";
import { control } from "@/components/ui/control";

/** source → target per device (latest result), where failures were left, and contradictory results. */
export function TransitionsTable({
  rows,
  selected,
  onSelect,
}: {
  rows: TransitionRow[];
  selected: { sourceVersion?: string; targetVersion?: string };
  onSelect: (t: { sourceVersion: string | null; targetVersion: string | null }) => void;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No device has reported a result yet.</p>;
  return (
    <TableFrame label="Version transitions">
      <thead>
        <tr>
          <Th>Source → target</Th>
          <Th className="text-right">Devices</Th>
          <Th className="text-right">Succeeded</Th>
          <Th className="text-right">Failed</Th>
          <Th className="text-right">In progress</Th>
          <Th className="text-right">Success rate</Th>
          <Th>Failed devices left on</Th>
          <Th>Contradictions</Th>
          <Th>
            <span className="sr-only">Filter</span>
          </Th>
        </tr>
      </thead>
      <tbody data-testid="transitions-rows">
        {rows.map((t) => {
          const active =
            selected.sourceVersion === (t.sourceVersion ?? undefined) &&
            selected.targetVersion === (t.targetVersion ?? undefined);
          return (
            <tr
              key={`${t.sourceVersion}\u0000${t.targetVersion}`}
              className={active ? "bg-blue-50" : ""}
              data-testid="transition-row"
            >
              <Td className="font-mono text-xs">
                <DeviceText value={t.sourceVersion} /> → <DeviceText value={t.targetVersion} />
              </Td>
              <Td className="text-right tabular-nums">{formatCount(t.devices)}</Td>
              <Td className="text-right tabular-nums">{formatCount(t.succeeded)}</Td>
              <Td className="text-right tabular-nums">{formatCount(t.failed)}</Td>
              <Td className="text-right tabular-nums">{formatCount(t.inProgress)}</Td>
              <Td className="text-right">
                <RateCell rate={t.successRate} />
              </Td>
              <Td className="text-xs">
                {t.leftOn.length === 0 ? (
                  <span className="text-slate-400">—</span>
                ) : (
                  <ul>
                    {t.leftOn.map((l) => (
                      <li key={l.curVersion ?? ""} className="font-mono">
                        <DeviceText value={l.curVersion} />: {formatCount(l.devices)}
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
              <Td className="space-x-1 text-xs">
                {t.successNotOnTarget > 0 ? (
                  <Tag tone="amber">⚠ {t.successNotOnTarget} SUCCESS not on target</Tag>
                ) : null}
                {t.failOnTarget > 0 ? <Tag tone="amber">⚠ {t.failOnTarget} FAIL already on target</Tag> : null}
                {t.successNotOnTarget + t.failOnTarget === 0 ? <span className="text-slate-400">none</span> : null}
              </Td>
              <Td>
                {t.sourceVersion !== null && t.targetVersion !== null ? (
                  <button
                    type="button"
                    aria-pressed={active}
                    onClick={() => onSelect(active ? { sourceVersion: null, targetVersion: null } : t)}
                    className={control("secondary", "compact", "whitespace-nowrap")}
                  >
                    {active ? "Clear filter" : "Show devices"}
                  </button>
                ) : null}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
