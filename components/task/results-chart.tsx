"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Timeline } from "@/lib/schemas/responses";

const label = (iso: string, bucket: Timeline["bucket"]) =>
  bucket === "hour" ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);

/** Results received per hour/day, succeeded and failed stacked; the numbers are also in a table below. */
export function ResultsChart({ timeline }: { timeline: Timeline }) {
  if (timeline.points.length === 0) return <p className="text-sm text-slate-600">No result has been received yet.</p>;
  const data = timeline.points.map((p) => ({ ...p, label: label(p.at, timeline.bucket) }));
  const unit = timeline.bucket === "hour" ? "hour" : "day";
  return (
    <figure>
      <div
        className="h-56 w-full"
        role="img"
        aria-label={`Results received per ${unit} (UTC), succeeded and failed stacked`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="succeeded"
              name="Succeeded"
              stackId="r"
              fill="#059669"
              maxBarSize={48}
              isAnimationActive={false}
            />
            <Bar dataKey="failed" name="Failed" stackId="r" fill="#dc2626" maxBarSize={48} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-600">Result notifications (every attempt) per {unit}, UTC.</figcaption>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-slate-700">Show the numbers</summary>
        <table className="mt-1 text-xs" data-testid="timeline-table">
          <thead>
            <tr>
              <th scope="col" className="pr-4 text-left">
                {unit === "hour" ? "Hour" : "Day"} (UTC)
              </th>
              <th scope="col" className="pr-4 text-right">
                Succeeded
              </th>
              <th scope="col" className="text-right">
                Failed
              </th>
            </tr>
          </thead>
          <tbody>
            {data
              .filter((p) => p.succeeded + p.failed > 0)
              .map((p) => (
                <tr key={p.at}>
                  <td className="pr-4 tabular-nums">{p.label}</td>
                  <td className="pr-4 text-right tabular-nums">{p.succeeded}</td>
                  <td className="text-right tabular-nums">{p.failed}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
