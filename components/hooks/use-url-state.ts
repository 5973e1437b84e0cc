"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { z } from "zod";
import { firstValues } from "@/lib/schemas/common";

/**
 * The URL is the source of truth for filters, sorting and the page cursor. Returns the query parsed
 * by the shared schema (falling back to its defaults when the URL is invalid) and a setter that
 * merges a patch into the URL without adding history entries for every keystroke.
 */
export function useUrlState<S extends z.ZodType>(schema: S) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = useMemo(() => firstValues(new URLSearchParams(searchParams.toString())), [searchParams]);
  const query = useMemo(() => {
    const parsed = schema.safeParse(raw);
    return (parsed.success ? parsed.data : schema.parse({})) as z.output<S>;
  }, [schema, raw]);

  const update = useCallback(
    (patch: Record<string, string | number | undefined | null>, opts: { push?: boolean } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === null || v === "") next.delete(k);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (opts.push) router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [router, pathname, searchParams],
  );

  return { query, raw, update };
}
