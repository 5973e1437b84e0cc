import { AUDIT_KIND_VALUES, type AuditQuery } from "@/lib/schemas/audit";
import { control } from "@/components/ui/control";

const input =
  "rounded border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

/** The audit filters as a plain GET form: submitting it is a new URL, first page. */
export function AuditFilters({ query }: { query: AuditQuery }) {
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Audit filters">
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600">User</span>
        <input name="user" defaultValue={query.user ?? ""} className={input} maxLength={200} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600">Kind</span>
        <select name="kind" defaultValue={query.kind ?? ""} className={input}>
          <option value="">any</option>
          {AUDIT_KIND_VALUES.map((k) => (
            <option key={k} value={k}>
              {k.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600">From (UTC, YYYY-MM-DD or ISO time)</span>
        <input name="from" defaultValue={query.from ?? ""} className={input} placeholder="2026-11-01" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600">To (exclusive)</span>
        <input name="to" defaultValue={query.to ?? ""} className={input} placeholder="2026-12-01" />
      </label>
      <button type="submit" className={control("secondary", "medium")}>
        Filter
      </button>
    </form>
  );
}
