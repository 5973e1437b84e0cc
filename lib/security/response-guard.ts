import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { withoutTokenParam } from "../auth/paths";
import { NON_DOCUMENT_HEADERS } from "./static-headers.js";

/**
 * The last word on every response the server sends, whatever produced it (proxy.ts, a route, Next's
 * own 404/308/405/500 pages, the image optimiser): the fixed security headers are added where none
 * are set (a page's nonce CSP from proxy.ts is kept), and a redirect never carries a `token` query
 * parameter (CALLBACK_TOKEN) into its Location. Node calls writeHead for every response, even when
 * a handler only sets statusCode and calls end(), so patching it covers them all.
 */
export function guardResponse(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function guardedWriteHead(this: ServerResponse, ...args: unknown[]) {
    const given = args.find((a, i) => i > 0 && a !== null && typeof a === "object") as
      OutgoingHttpHeaders | unknown[] | undefined;
    const givenNames = headerNames(given);
    for (const [name, value] of NON_DOCUMENT_HEADERS) {
      if (!this.hasHeader(name) && !givenNames.has(name.toLowerCase())) this.setHeader(name, value);
    }
    const location = this.getHeader("location");
    if (typeof location === "string") this.setHeader("location", scrubLocation(location));
    if (given && !Array.isArray(given)) {
      for (const key of Object.keys(given)) {
        const v = given[key];
        if (key.toLowerCase() === "location" && typeof v === "string") given[key] = scrubLocation(v);
      }
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

function headerNames(given: OutgoingHttpHeaders | unknown[] | undefined): Set<string> {
  if (!given) return new Set();
  if (Array.isArray(given)) return new Set(given.filter((_, i) => i % 2 === 0).map((n) => String(n).toLowerCase()));
  return new Set(Object.keys(given).map((n) => n.toLowerCase()));
}

/** A Location without any `token` query parameter (relative or absolute). */
function scrubLocation(location: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(location)?.[0] ?? "";
  return scheme + withoutTokenParam(location.slice(scheme.length));
}

/** Answer for a request refused before Next sees it (malformed proxy headers). */
export function refuseRequest(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  for (const [name, value] of NON_DOCUMENT_HEADERS) res.setHeader(name, value);
  if (status === 405) res.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    connection: "close",
  });
  res.end(body);
}

/**
 * node:http answers a request that timed out (requestTimeout/headersTimeout) or could not be parsed
 * with a bare 408/400 of its own, without any header of ours. With a `clientError` listener the
 * answer is ours to write: the same status, with the security headers.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (
    err.code === "ECONNRESET" ||
    !socket.writable ||
    (socket as unknown as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
  ) {
    socket.destroy();
    return;
  }
  const status = err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const reason =
    status === 408 ? "Request Timeout" : status === 431 ? "Request Header Fields Too Large" : "Bad Request";
  const headers = NON_DOCUMENT_HEADERS.map(([n, v]) => `${n}: ${v}\r\n`).join("");
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`);
}
