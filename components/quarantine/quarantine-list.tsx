import { Tag } from "@/components/ui/outcome-badge";
import { UtcTime } from "@/components/ui/time";
import { formatCount } from "@/components/ui/format";
import type { QuarantineItem } from "@/lib/schemas/responses";

/** Refused requests, newest first. The body is shown as escaped text inside <pre>, never as markup. */
export function QuarantineList({ items }: { items: QuarantineItem[] }) {
  return (
    <ol className="space-y-2" data-testid="quarantine-rows">
      {items.map((q) => (
        <li
          key={q.id}
          className="rounded border border-slate-200 bg-white p-2 text-sm"
          data-testid="quarantine-row"
          data-id={q.id}
        >
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Tag tone="red">{q.status}</Tag>
            <span className="font-mono text-xs font-semibold" data-col="reason">
              {q.reason}
            </span>
            <span className="text-slate-800">{q.message}</span>
            <span className="ml-auto text-xs text-slate-600">
              <UtcTime iso={q.receivedAt} /> · {q.contentType ?? "no Content-Type"} · {formatCount(q.bodySize)} bytes
              {q.truncated ? " (stored truncated)" : ""}
            </span>
          </div>
          {Array.isArray(q.details) && q.details.length > 0 ? (
            <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
              {(q.details as { field?: unknown; problem?: unknown }[]).map((d, i) => (
                <li key={i}>
                  <span className="font-mono">{String(d.field ?? "")}</span>: {String(d.problem ?? "")}
                </li>
              ))}
            </ul>
          ) : null}
          <details className="mt-1" open>
            <summary className="cursor-pointer text-xs text-slate-700">
              Body (
              {q.bodyEncoding === "utf-8"
                ? "UTF-8 text, control characters escaped"
                : "not UTF-8: bytes shown as \\xNN"}
              )
            </summary>
            <pre
              className="mt-1 max-h-64 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap"
              data-testid="quarantine-body"
            >
              {q.body}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
