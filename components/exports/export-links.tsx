import { FAILED_SELECTION, RETRY_SELECTION } from "@/lib/exports/selections";
import { control } from "@/components/ui/control";

// The export buttons: plain links (the browser downloads; the server names the file), each built
// from the same filters as the table beside it.

const linkClass = control("secondary", "medium");

export function FailedExportLinks({
  label,
  csvUrl,
  xlsxUrl,
  testIdPrefix,
}: {
  label: string;
  csvUrl: string;
  xlsxUrl: string;
  testIdPrefix: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={label} title={FAILED_SELECTION}>
      <span className="text-sm text-slate-700">{label}:</span>
      <a href={csvUrl} download data-testid={`${testIdPrefix}-csv-link`} className={linkClass}>
        CSV
      </a>
      <a href={xlsxUrl} download data-testid={`${testIdPrefix}-xlsx-link`} className={linkClass}>
        Excel
      </a>
    </div>
  );
}

/** The retry list, with its definition spelled out beside it: operators build a platform task from it. */
export function RetryListLink({ url }: { url: string }) {
  return (
    <div className="flex max-w-xl flex-wrap items-center gap-2">
      <a href={url} download data-testid="task-retry-link" aria-describedby="retry-definition" className={linkClass}>
        Retry list (.txt)
      </a>
      <p id="retry-definition" data-testid="retry-definition" className="min-w-0 flex-1 text-xs text-slate-600">
        {RETRY_SELECTION} One deviceId per line, for the platform&apos;s task creation.
      </p>
    </div>
  );
}
