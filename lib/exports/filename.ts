// Download names: what, which task, which day (UTC). Letters and digits of any script are kept, so
// two tasks named in Chinese or Japanese do not both download as `failed-devices-_-…`; everything
// else that could break a header or a file system becomes `_`.

/** `<what>-<operationId or "all">-<YYYY-MM-DD>.<ext>`; anything but letters, digits, `. _ -` becomes `_`. */
export function exportFilename(what: string, scope: string, ext: string, now = new Date()): string {
  // Cut by code points, never inside a surrogate pair (a lone one cannot be percent-encoded).
  const safe =
    Array.from(scope.normalize("NFC").replace(/[^\p{L}\p{N}._-]+/gu, "_"))
      .slice(0, 100)
      .join("") || "task";
  return `${what}-${safe}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/** An ASCII name stays a plain `filename="…"`; any other name also goes as RFC 8187 `filename*`
 *  (UTF-8, which every current browser prefers), with an ASCII fallback beside it. */
function contentDisposition(filename: string): string {
  if (/^[A-Za-z0-9._-]*$/.test(filename)) return `attachment; filename="${filename}"`;
  const ascii = filename.replace(/_*[^A-Za-z0-9._-]+_*/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Headers every export answers with: a download, never cached, never sniffed. */
export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": contentDisposition(filename),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
