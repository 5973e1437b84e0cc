"use client";
import { useNow } from "@/components/hooks/use-now";
import { formatAgo, formatUtc } from "./format";

/** An absolute UTC time in a <time> element. */
export function UtcTime({ iso }: { iso: string | null }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} className="whitespace-nowrap tabular-nums">
      {formatUtc(iso)}
    </time>
  );
}

/** "3 min ago", ticking; the absolute time stays in the tooltip and the markup. */
export function RelativeTime({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <span>never</span>;
  return (
    <time dateTime={iso} title={formatUtc(iso)} className="whitespace-nowrap tabular-nums">
      {now === null ? formatUtc(iso) : formatAgo(iso, now)}
    </time>
  );
}
