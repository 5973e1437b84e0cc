// Production entry (`npm start`): Next.js for every page and API, except POST /api/callback, which
// node:http hands straight to the receiver (the framework's own per-request cost would otherwise cap
// ingest below the platform's 800 pushes/s backlog flush). Both paths call receiveCallback().
import { createServer } from "node:http";
import next from "next";
import { handleCallbackNode, isCallbackRequest } from "@/lib/receiver/node-adapter";
import { isSupportedMethod, sanitizeForwardedHeaders } from "@/lib/security/forwarded";
import { answerClientError, guardResponse, refuseRequest } from "@/lib/security/response-guard";
import { NON_DOCUMENT_HEADERS } from "@/lib/security/static-headers.js";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const app = next({ dev: false, hostname, port, dir: import.meta.dirname });
const handle = app.getRequestHandler();
// Behind a reverse proxy that sets X-Forwarded-*, TRUST_PROXY=1 keeps (validated) values; else they are dropped.
const trustProxy = /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? "");
await app.prepare();

// A sender that stalls mid-request is cut off (408) within ~10 s instead of holding a socket: the
// platform's own pushes arrive whole in milliseconds.
const server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
  // Security headers on every response, no callback token in any Location; spoofed proxy headers never reach Next.
  guardResponse(res);
  const refused = sanitizeForwardedHeaders(req, trustProxy);
  if (refused) return refuseRequest(res, 400, "invalid_header", refused);
  if (!isSupportedMethod(req.method)) return refuseRequest(res, 405, "method_not_allowed", `${req.method} is not supported.`);
  if (isCallbackRequest(req)) {
    // This path skips proxy.ts and next.config.js, so it sets the same fixed security headers itself.
    for (const [name, value] of NON_DOCUMENT_HEADERS) res.setHeader(name, value);
    handleCallbackNode(req, res).catch((err) => {
      console.error("[callback] adapter failure:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: "Internal error." } }));
    });
    return;
  }
  void handle(req, res);
});

// The 408 of a stalled request (and node's other early refusals) with our security headers.
server.on("clientError", answerClientError);

server.listen(port, hostname, () => {
  console.log(`Upgrade Monitor listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

// Finish in-flight requests, refuse new connections, and exit within 10 s whatever happens.
function shutdown(signal: string) {
  console.log(`[server] ${signal}: draining`);
  setTimeout(() => process.exit(0), 9_000).unref();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
