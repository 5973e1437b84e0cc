"use client";
import { useState } from "react";

/**
 * Back/forward over keyset pages. The server only hands out "next" cursors, so the cursors of the
 * pages we came through are remembered here; a change of filters (resetKey) starts again at page 1.
 */
export function useKeysetPages(cursor: string | undefined, resetKey: string, go: (cursor: string | undefined) => void) {
  const [stack, setStack] = useState<(string | undefined)[]>([]);
  const [seenKey, setSeenKey] = useState(resetKey);
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
