"use client";
import { control } from "./control";

const btn = control("secondary", "medium");

/** Keyset paging: forward with the server's cursor, back with the cursors we came through. */
export function Pager({
  page,
  canGoBack,
  hasNext,
  onFirst,
  onPrevious,
  onNext,
  summary,
}: {
  page: number;
  canGoBack: boolean;
  hasNext: boolean;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: () => void;
  summary?: string;
}) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center gap-2 py-2 text-sm">
      <button type="button" className={btn} onClick={onFirst} disabled={!canGoBack}>
        ⇤ First
      </button>
      <button type="button" className={btn} onClick={onPrevious} disabled={!canGoBack}>
        ← Previous
      </button>
      <span className="px-1 text-slate-700" aria-live="polite">
        Page {page}
        {summary ? ` · ${summary}` : ""}
      </span>
      <button type="button" className={btn} onClick={onNext} disabled={!hasNext}>
        Next →
      </button>
    </nav>
  );
}
