"use client";
import { useCallback, useState } from "react";

export interface KeysetPages {
  /** 1-based page number, counted from where the visit started. */
  page: number;
  canGoBack: boolean;
  next(nextCursor: string): void;
  previous(): void;
  first(): void;
}

/**
 * Back/forward over keyset pages kept in the URL's `cursor`. The server only hands out "next"
 * cursors, so the cursors of the pages we came through are remembered here; a change of filters or
 * sort (`resetKey`) starts again at page 1. `update` is the URL-state setter (useUrlState).
 */
export function useKeysetPages(
  cursor: string | undefined,
  resetKey: string,
  update: (patch: { cursor: string | undefined }) => void,
): KeysetPages {
  const [stack, setStack] = useState<(string | undefined)[]>([]);
  const [seenKey, setSeenKey] = useState(resetKey);
  const go = useCallback((c: string | undefined) => update({ cursor: c }), [update]);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setStack([]);
  }
  return {
    // A shared link may open on a later page; it still counts from there.
    page: stack.length + 1,
    canGoBack: cursor !== undefined,
    next(nextCursor: string) {
      setStack((s) => [...s, cursor]);
      go(nextCursor);
    },
    previous() {
      const prev = stack[stack.length - 1];
      setStack((s) => s.slice(0, -1));
      go(prev);
    },
    first() {
      setStack([]);
      go(undefined);
    },
  };
}
