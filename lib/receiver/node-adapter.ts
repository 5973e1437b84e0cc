import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { receiveCallback } from "./receive-callback";

/**
 * The lean path: POST /api/callback straight from node:http to the same receiver function the
 * route handler calls, skipping the framework's per-request work (routing, web Request/Response).
 */
export async function handleCallbackNode(
  req: IncomingMessage,
  res: ServerResponse,
  receivedAt = Date.now(),
): Promise<void> {
  const rawUrl = req.url ?? "/";
  const out = await receiveCallback({
    query: rawUrl.includes("?") ? rawUrl.slice(rawUrl.indexOf("?")) : "",
    headers: {
      get: (name) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? v.join(", ") : (v ?? null);
      },
    },
    body: req,
    receivedAt,
  });
  const body = JSON.stringify(out.body);
  res.writeHead(out.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...out.headers,
  });
  res.end(body);
  // A refused oversized upload is not read to the end; drop the rest instead of buffering it.
  if (!req.complete) req.resume();
}

export function isCallbackRequest(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const path = req.url.split("?", 1)[0];
  return path === "/api/callback" || path === "/api/callback/";
}
