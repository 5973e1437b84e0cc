import type { Metadata } from "next";
import { connection } from "next/server";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { listAuditEvents } from "@/lib/audit/list";
import { AppError } from "@/lib/errors";
import { AuditQuerySchema, type AuditQuery } from "@/lib/schemas/audit";
import { firstValues, zodProblems } from "@/lib/schemas/common";

export const metadata: Metadata = { title: "Audit trail" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The URL of this page for a query (filters kept, the cursor replaced). */
function pageHref(q: AuditQuery, cursor: string | undefined): string {
  const p = new URLSearchParams();
  for (const key of ["user", "kind", "from", "to"] as const) if (q[key]) p.set(key, q[key]);
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `/audit?${s}` : "/audit";
}

// Server-rendered: filters are a plain GET form, pages are links, so the URL is the whole state.
export default async function AuditPage({ searchParams }: Props) {
  await connection();
  const parsed = AuditQuerySchema.safeParse(firstValues(await searchParams));
  const query = parsed.success ? parsed.data : AuditQuerySchema.parse({});
  const problems = parsed.success ? [] : zodProblems(parsed.error);
  const list = problems.length
    ? null
    : await listAuditEvents(query).catch((err: unknown) => {
        if (err instanceof AppError) return null;
        throw err;
      });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold text-slate-900">Audit trail</h1>
      <p className="text-sm text-slate-700">
        Sign-ins (succeeded, failed, slowed), sign-outs, exports, setting changes and refused callback tokens, newest
        first.
      </p>
      <AuditFilters query={query} />
      {problems.length || !list ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {`These filters cannot be used: ${problems.map((p) => `${p.field} ${p.problem}`).join("; ") || "the page link is not valid"}.`}
        </p>
      ) : (
        <>
          <AuditTable items={list.items} />
          <nav aria-label="Pages" className="flex gap-4 text-sm">
            {query.cursor ? (
              <a className="text-blue-700 underline" href={pageHref(query, undefined)}>
                Newest
              </a>
            ) : null}
            {list.nextCursor ? (
              <a className="text-blue-700 underline" href={pageHref(query, list.nextCursor)}>
                Older
              </a>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}
