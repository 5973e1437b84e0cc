import type { DeviceOutcome } from "@/lib/schemas/responses";

// Symbol + word + colour: the meaning never rests on colour alone.
const STYLES: Record<DeviceOutcome | "pending", { label: string; symbol: string; cls: string }> = {
  succeeded: { label: "succeeded", symbol: "✓", cls: "bg-emerald-50 text-emerald-800 ring-emerald-600/30" },
  failed: { label: "failed", symbol: "✕", cls: "bg-red-50 text-red-800 ring-red-600/30" },
  in_progress: { label: "in progress", symbol: "…", cls: "bg-amber-50 text-amber-900 ring-amber-600/30" },
  pending: { label: "pending", symbol: "○", cls: "bg-slate-50 text-slate-700 ring-slate-500/30" },
};

/** A device's outcome; `stale` adds "stale" to an in-progress badge (no event for STALE_AFTER_HOURS). */
export function OutcomeBadge({
  outcome,
  state,
  stale,
}: {
  outcome: DeviceOutcome | "pending";
  state?: string | null;
  stale?: boolean;
}) {
  const s = STYLES[outcome];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${s.cls}`}
    >
      <span aria-hidden="true">{s.symbol}</span>
      {s.label}
      {outcome === "in_progress" && state ? <span className="font-normal">({state})</span> : null}
      {outcome === "in_progress" && stale ? <span className="font-semibold">· stale</span> : null}
    </span>
  );
}

export function Tag({
  children,
  tone = "slate",
  title,
}: {
  children: React.ReactNode;
  tone?: "slate" | "red" | "amber";
  title?: string;
}) {
  const cls = {
    slate: "bg-slate-100 text-slate-700",
    red: "bg-red-50 text-red-800",
    amber: "bg-amber-50 text-amber-900",
  }[tone];
  return (
    <span title={title} className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${cls}`}>
      {children}
    </span>
  );
}
