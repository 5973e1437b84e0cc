"use client";
import type { ReactNode } from "react";
import type { ApiError } from "@/components/hooks/fetcher";
import type { KeysetPages } from "@/components/hooks/use-keyset-pages";
import { ErrorNotice } from "./error-notice";
import { Pager } from "./pager";

/**
 * A keyset-paged list in its states: the error (kept above the last good page while SWR retries),
 * loading, empty, the rows, and the pager. `children` renders the rows (a table, a list); `pages`
 * comes from useKeysetPages. The pager shows once there is something to page through.
 */
export function PagedList<T>({
  data,
  error,
  what,
  pages,
  loading = "Loading…",
  empty,
  summary,
  children,
}: {
  data: { items: T[]; nextCursor: string | null } | undefined;
  error: Error | ApiError | undefined;
  /** Completes "Could not load …": "the tasks". */
  what: string;
  pages: KeysetPages;
  loading?: string;
  /** Shown when the page has no rows. */
  empty: ReactNode;
  /** Beside the page number: "1,234 matching devices". */
  summary?: string;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      {error ? <ErrorNotice error={error} what={what} /> : null}
      {!data ? (
        <p className="text-sm text-slate-600">{loading}</p>
      ) : data.items.length === 0 ? (
        empty
      ) : (
        children(data.items)
      )}
      {data && (data.items.length > 0 || pages.canGoBack) ? (
        <Pager
          page={pages.page}
          canGoBack={pages.canGoBack}
          hasNext={Boolean(data.nextCursor)}
          onFirst={pages.first}
          onPrevious={pages.previous}
          onNext={() => data.nextCursor && pages.next(data.nextCursor)}
          summary={summary}
        />
      ) : null}
    </>
  );
}
