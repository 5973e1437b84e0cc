"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { z } from "zod";
import { firstValues } from "@/lib/schemas/common";

/**
 * The URL is the source of truth for filters, sorting and the page cursor. Returns the query parsed
 * by the shared schema (falling back to its defaults when the URL is invalid) and a setter that
 * merges a patch into the URL without adding history entries for every keystroke.
 *
 * Every update starts from the URL as it is at that moment (window.location), never from the
 * searchParams this render saw: two quick changes (`from`, then `to` before the first re-render)
 * would otherwise drop the first. The History API writes synchronously and Next syncs
 * useSearchParams with it, so the next update already sees this one.
 */
export function useUrlState<S extends z.ZodType>(schema: S) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = useMemo(() => firstValues(new URLSearchParams(searchParams.toString())), [searchParams]);
  const query = useMemo(() => {
    const parsed = schema.safeParse(raw);
    return (parsed.success ? parsed.data : schema.parse({})) as z.output<S>;
  }, [schema, raw]);

  const update = useCallback(
    (patch: Record<string, string | number | undefined | null>, opts: { push?: boolean } = {}) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === null || v === "") next.delete(k);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (opts.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  return { query, raw, update };
}
