import { formatRate } from "./format";

/** A success rate as text with a thin bar beside it (the bar is decoration; the text carries the value). */
export function RateCell({ rate }: { rate: number | null }) {
  return (
    <span className="inline-flex items-center justify-end gap-1.5">
      <span className="whitespace-nowrap tabular-nums">{formatRate(rate)}</span>
      {rate !== null ? (
        <span aria-hidden="true" className="hidden h-1.5 w-12 overflow-hidden rounded bg-red-200 sm:inline-block">
          <span className="block h-full bg-emerald-600" style={{ width: `${Math.round(rate * 100)}%` }} />
        </span>
      ) : null}
    </span>
  );
}
