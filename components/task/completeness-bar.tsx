import { formatCount, formatRate } from "@/components/ui/format";
import type { ExpectedSource, TaskCompleteness } from "@/lib/schemas/responses";

const SOURCE_TEXT: Record<ExpectedSource, string> = {
  platform: "from the platform",
  declared: "declared (uploaded list)",
  platform_and_declared: "from the platform and a declared list",
  unknown: "unknown — results received so far",
};

interface Segment {
  key: string;
  label: string;
  value: number;
  cls: string;
}

/**
 * The task against its target population: one bar (succeeded / failed / in progress / stale /
 * pending) whose segments are labelled with count and rate, and the numbers around it. Rates say
 * what they are rates of: "of N expected" when a target list is known, else "of N reported".
 */
export function CompletenessBar({ c }: { c: TaskCompleteness }) {
  const segments: Segment[] = [
    { key: "succeeded", label: "Succeeded", value: c.succeeded, cls: "bg-emerald-600" },
    { key: "failed", label: "Failed", value: c.failed, cls: "bg-red-600" },
    { key: "in-progress", label: "In progress", value: c.inProgress - c.stale, cls: "bg-amber-400" },
    { key: "stale", label: `Stale (no event for ${c.staleAfterHours} h)`, value: c.stale, cls: "bg-orange-700" },
    { key: "pending", label: "Pending (never reported)", value: c.pending, cls: "bg-slate-300" },
  ];
  const of =
    c.expected === null
      ? `of ${formatCount(c.barTotal)} reported`
      : `of ${formatCount(c.barTotal)} expected${c.unexpected > 0 ? " and unexpected" : ""}`;
  return (
    <div className="space-y-3" data-testid="completeness">
      <p className="text-sm text-slate-800">
        Expected devices:{" "}
        <strong data-testid="completeness-expected">{c.expected === null ? "unknown" : formatCount(c.expected)}</strong>{" "}
        <span className="text-slate-600" data-testid="completeness-source">
          ({SOURCE_TEXT[c.expectedSource]})
        </span>
        {" · "}reported <strong data-testid="completeness-reported">{formatCount(c.reported)}</strong>
        {c.unexpected > 0 ? (
          <>
            {" "}
            · <strong data-testid="completeness-unexpected">{formatCount(c.unexpected)}</strong> reported but not on the
            list
          </>
        ) : null}
      </p>
      <div
        className="flex h-5 w-full overflow-hidden rounded bg-slate-100"
        role="img"
        aria-label={`Completeness ${of}: ${segments.map((s) => `${s.label} ${s.value}`).join(", ")}`}
      >
        {c.barTotal > 0
          ? segments
              .filter((s) => s.value > 0)
              .map((s) => (
                <div
                  key={s.key}
                  className={s.cls}
                  style={{ width: `${(100 * s.value) / c.barTotal}%` }}
                  title={`${s.label}: ${s.value}`}
                />
              ))
          : null}
      </div>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label="Completeness segments">
        {segments.map((s) => (
          <li
            key={s.key}
            className="flex items-center gap-1.5"
            data-testid={`completeness-${s.key}`}
            data-value={s.value}
          >
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${s.cls}`} />
            {s.label}: <strong className="tabular-nums">{formatCount(s.value)}</strong>
            <span className="text-slate-600">
              ({formatRate(c.barTotal > 0 ? s.value / c.barTotal : null)} {of})
            </span>
          </li>
        ))}
      </ul>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-800">
        <Figure label="Stopped by the platform" value={c.stopped} testId="completeness-stopped" />
        <Figure label="Timed out on the platform" value={c.timedOut} testId="completeness-timed-out" />
        <Figure
          label="Lost pushes (results read from the platform, never received)"
          value={c.lostPushes}
          testId="completeness-lost"
        />
        <Figure
          label="Platform disagrees with our result"
          value={c.disagreements}
          testId="completeness-disagreements"
        />
      </dl>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="flex gap-1">
      <dt>{label}:</dt>
      <dd className="font-semibold tabular-nums" data-testid={testId}>
        {formatCount(value)}
      </dd>
    </div>
  );
}
