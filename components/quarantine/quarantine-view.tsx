"use client";
import { useCallback } from "react";
import { useKeysetPages } from "@/components/hooks/use-keyset-pages";
import { useQuarantine } from "@/components/hooks/use-quarantine";
import { useUrlState } from "@/components/hooks/use-url-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { formatCount } from "@/components/ui/format";
import { Pager } from "@/components/ui/pager";
import { Section } from "@/components/ui/section";
import { QuarantineQuerySchema } from "@/lib/schemas/quarantine";
import { IgnoredTypesTable } from "./ignored-types-table";
import { QuarantineList } from "./quarantine-list";

/** The `/quarantine` page: what the receiver refused, and which other notifyTypes it counted. */
export function QuarantineView({ callbackUrl }: { callbackUrl: string }) {
  const { query, update } = useUrlState(QuarantineQuerySchema);
  const { data, error } = useQuarantine(query);
  const go = useCallback((cursor: string | undefined) => update({ cursor }), [update]);
  const pages = useKeysetPages(query.cursor, String(query.limit), go);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Quarantine</h1>
        <p className="text-sm text-slate-700">
          Requests to <span className="break-all font-mono">{callbackUrl}</span> that were refused (400, 413, 422) are kept here
          with their body; nothing sent to us is lost.
        </p>
      </div>
      {error ? <ErrorNotice error={error} what="the quarantine" /> : null}
      <Section title={`Refused requests${data ? ` (${formatCount(data.total)})` : ""}`} id="refused-title">
        {!data ? (
          <p className="text-sm text-slate-600">Loading…</p>
        ) : data.items.length === 0 ? (
          <p className="text-sm text-slate-700" data-testid="quarantine-empty">
            No request has been refused. Malformed or invalid pushes to the callback URL will appear here.
          </p>
        ) : (
          <>
            <QuarantineList items={data.items} />
            <Pager
              page={pages.page}
              canGoBack={pages.canGoBack}
              hasNext={Boolean(data.nextCursor)}
              onFirst={pages.first}
              onPrevious={pages.previous}
              onNext={() => data.nextCursor && pages.next(data.nextCursor)}
            />
          </>
        )}
      </Section>
      <Section title="Ignored notifyTypes" id="ignored-title">
        {data ? <IgnoredTypesTable rows={data.ignored} /> : null}
      </Section>
    </div>
  );
}
