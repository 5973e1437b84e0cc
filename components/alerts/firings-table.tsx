import Link from "next/link";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import type { ChannelView, DeliveryView, FiringView } from "@/lib/schemas/alerts";

const STATUS_STYLE: Record<DeliveryView["status"], string> = {
  delivered: "text-green-800",
  pending: "text-amber-800",
  failed: "text-red-800",
};

function Figures({ figures }: { figures: Record<string, unknown> | null }) {
  if (!figures) return <span className="text-slate-400">—</span>;
  const entries = Object.entries(figures).filter(([, v]) => v !== null && v !== undefined);
  return (
    <span className="font-mono text-xs">
      {entries
        .map(([k, v]) => `${k}=${typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : String(v)}`)
        .join(" ")}
    </span>
  );
}

/** Each firing (and its resolution) with every delivery: channel, event, status, attempts, last answer. */
export function FiringsTable({ firings, channels }: { firings: FiringView[]; channels: ChannelView[] }) {
  const names = new Map(channels.map((c) => [c.id, c.name]));
  if (firings.length === 0) return <p className="text-sm text-slate-700">Nothing has fired yet.</p>;
  return (
    <TableFrame label="Firings">
      <thead>
        <tr>
          <Th>Rule</Th>
          <Th>Scope</Th>
          <Th>Fired</Th>
          <Th>Figures</Th>
          <Th>Resolved</Th>
          <Th>Deliveries</Th>
        </tr>
      </thead>
      <tbody>
        {firings.map((f) => (
          <tr key={f.id} data-testid="firing-row">
            <Td>{f.ruleName}</Td>
            <Td className="break-all">
              {f.operationId ? (
                <Link
                  className="text-blue-700 underline-offset-2 hover:underline"
                  href={`/tasks/${encodeURIComponent(f.operationId)}`}
                >
                  {f.operationId}
                </Link>
              ) : (
                "fleet"
              )}
            </Td>
            <Td>
              <UtcTime iso={f.firedAt} />
            </Td>
            <Td>
              <Figures figures={f.figures} />
            </Td>
            <Td>
              {f.resolvedAt ? (
                <>
                  <UtcTime iso={f.resolvedAt} /> <Figures figures={f.resolvedFigures} />
                </>
              ) : (
                <span className="font-medium text-red-800">open</span>
              )}
            </Td>
            <Td>
              <ul className="space-y-0.5 text-xs">
                {f.deliveries.map((d) => (
                  <li key={d.id} data-testid="delivery">
                    {names.get(d.channelId) ?? `channel #${d.channelId}`} ·{" "}
                    {d.event === "alert.fired" ? "fired" : "resolved"} ·{" "}
                    <span className={STATUS_STYLE[d.status]}>{d.status}</span> · {d.attempts}{" "}
                    {d.attempts === 1 ? "attempt" : "attempts"}
                    {d.lastStatus !== null ? ` · ${d.lastStatus}` : ""}
                    {d.status !== "delivered" && d.lastAnswer ? (
                      <span className="block break-all text-slate-600">{d.lastAnswer}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
