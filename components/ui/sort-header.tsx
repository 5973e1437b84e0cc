"use client";

/** A column header that sorts by its key; aria-sort tells assistive tech the current order. */
export function SortHeader({
  label,
  sortKey,
  current,
  order,
  onSort,
  numeric = false,
}: {
  label: string;
  sortKey: string;
  current: string;
  order: "asc" | "desc";
  onSort: (key: string) => void;
  numeric?: boolean;
}) {
  const active = current === sortKey;
  return (
    <th
      scope="col"
      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}
      className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-100 px-2 py-1.5 text-xs font-semibold whitespace-nowrap text-slate-700 ${numeric ? "text-right" : ""}`}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className="inline-flex items-center gap-1 rounded hover:text-slate-950 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-400"}>
          {active ? (order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
