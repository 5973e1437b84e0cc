// Table primitives: dense, sticky header, horizontal scroll on narrow screens.

export function TableFrame({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      className="max-h-[70vh] overflow-auto rounded border border-slate-200"
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <table className="min-w-full border-collapse text-left text-sm">{children}</table>
    </div>
  );
}

export function Th({ children, className = "", ...rest }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-100 px-2 py-1.5 text-xs font-semibold whitespace-nowrap text-slate-700 ${className}`}
      {...rest}
    >
      {children}
    </th>
  );
}

export function Td({ children, className = "", ...rest }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td className={`border-b border-slate-100 px-2 py-1 align-top ${className}`} {...rest}>
      {children}
    </td>
  );
}

/** A device-provided string: rendered as text, long values wrap instead of stretching the table. */
export function DeviceText({
  value,
  mono = false,
  truncate = false,
}: {
  value: string | null | undefined;
  mono?: boolean;
  truncate?: boolean;
}) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-400">—</span>;
  // Truncated IDs keep the whole value in the tooltip (and in the DOM text for copy and search).
  const wrap = truncate ? "block truncate" : "break-all";
  return (
    <span title={truncate ? value : undefined} className={`${wrap} ${mono ? "font-mono text-xs" : ""}`}>
      {value}
    </span>
  );
}
