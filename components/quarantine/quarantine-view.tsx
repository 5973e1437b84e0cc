"use client";
import { useKeysetPages } from "@/components/hooks/use-keyset-pages";
import { useQuarantine } from "@/components/hooks/use-quarantine";
import { useUrlState } from "@/components/hooks/use-url-state";
import { formatCount } from "@/components/ui/format";
import { PagedList } from "@/components/ui/paged-list";
import { Section } from "@/components/ui/section";
import { QuarantineQuerySchema } from "@/lib/schemas/quarantine";
import { IgnoredTypesTable } from "./ignored-types-table";
import { QuarantineList } from "./quarantine-list";

/** The `/quarantine` page: what the receiver refused, and which other notifyTypes it counted. */
export function QuarantineView({ callbackUrl }: { callbackUrl: string }) {
  const { query, update } = useUrlState(QuarantineQuerySchema);
  const { data, error } = useQuarantine(query);
  const pages = useKeysetPages(query.cursor, String(query.limit), update);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Quarantine</h1>
        <p className="text-sm text-slate-700">
          Requests to <span className="font-mono break-all">{callbackUrl}</span> that were refused (400, 413, 422) are
          kept here with their body; nothing sent to us is lost.
        </p>
      </div>
      <Section title={`Refused requests${data ? ` (${formatCount(data.total)})` : ""}`} id="refused-title">
        <PagedList
          data={data}
          error={error}
          what="the quarantine"
          pages={pages}
          empty={
            <p className="text-sm text-slate-700" data-testid="quarantine-empty">
              No request has been refused. Malformed or invalid pushes to the callback URL will appear here.
            </p>
          }
        >
          {(items) => <QuarantineList items={items} />}
        </PagedList>
      </Section>
      <Section title="Ignored notifyTypes" id="ignored-title">
        {data ? <IgnoredTypesTable rows={data.ignored} /> : null}
      </Section>
    </div>
  );
}
