// Download names: what, which task, which day (UTC), reduced to characters that are safe in a
// Content-Disposition header and in every file system.

/** `<what>-<operationId or "all">-<YYYY-MM-DD>.<ext>`; anything but `A-Z a-z 0-9 . _ -` becomes `_`. */
export function exportFilename(what: string, scope: string, ext: string, now = new Date()): string {
  const safe = scope.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100) || "task";
  return `${what}-${safe}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/** Headers every export answers with: a download, never cached, never sniffed. */
export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
