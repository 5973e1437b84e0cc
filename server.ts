// Production entry (`npm start`): Next.js for every page and API, except POST /api/callback, which
// node:http hands straight to the receiver (the framework's own per-request cost would otherwise cap
// ingest below the platform's 800 pushes/s backlog flush). Both paths call receiveCallback().
import path from "node:path";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import next from "next";
import { closeDb, getDb } from "@/lib/db";
import { stopProjector } from "@/lib/projection/projector";
import { handleCallbackNode, isCallbackRequest } from "@/lib/receiver/node-adapter";
import { isSupportedMethod, sanitizeForwardedHeaders } from "@/lib/security/forwarded";
import { answerClientError, guardResponse, refuseRequest } from "@/lib/security/response-guard";
import { NON_DOCUMENT_HEADERS } from "@/lib/security/static-headers.js";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
// Behind a reverse proxy that sets X-Forwarded-*, TRUST_PROXY=1 keeps (validated) values; else they are dropped.
const trustProxy = /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? "");
/** Longer than a fronting proxy's idle timeout (60 s is common), so the proxy, not we, closes idle sockets. */
const KEEP_ALIVE_MS = 65_000;
/** SIGTERM: exit when the last in-flight request is answered, or at this point whatever happens. */
const DRAIN_LIMIT_MS = 9_000;

let handleNext: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
let nextReady: Promise<void> = new Promise(() => undefined);
let draining = false;
const inFlight = new Set<ServerResponse>();

// A sender that stalls mid-request is cut off (408) within ~10 s instead of holding a socket: the
// platform's own pushes arrive whole in milliseconds.
const server = createServer(
  {
    requestTimeout: 10_000,
    headersTimeout: 10_000,
    connectionsCheckingInterval: 1_000,
    keepAliveTimeout: KEEP_ALIVE_MS,
  },
  onRequest,
);

function onRequest(req: IncomingMessage, res: ServerResponse) {
  const receivedAt = Date.now();
  trackInFlight(res);
  // Security headers on every response, no callback token in any Location; spoofed proxy headers never reach Next.
  guardResponse(res);
  const refused = sanitizeForwardedHeaders(req, trustProxy);
  if (refused) return refuseRequest(res, 400, "invalid_header", refused);
  if (!isSupportedMethod(req.method))
    return refuseRequest(res, 405, "method_not_allowed", `${req.method} is not supported.`);
  if (isCallbackRequest(req)) return handleCallback(req, res, receivedAt);
  void nextReady.then(() => handleNext!(req, res));
}

// The 408 of a stalled request (and node's other early refusals) with our security headers.
server.on("clientError", answerClientError);

function handleCallback(req: IncomingMessage, res: ServerResponse, receivedAt: number) {
  // This path skips proxy.ts and next.config.js, so it sets the same fixed security headers itself.
  for (const [name, value] of NON_DOCUMENT_HEADERS) res.setHeader(name, value);
  handleCallbackNode(req, res, receivedAt).catch((err) => {
    console.error("[callback] adapter failure:", err);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "internal", message: "Internal error." } }));
  });
}

/** While draining, every answer closes its connection, so no client keeps sending to this process. */
function trackInFlight(res: ServerResponse) {
  if (draining) res.setHeader("Connection", "close");
  inFlight.add(res);
  res.once("close", () => inFlight.delete(res));
}

/** Listens first: a port already taken ends this process (non-zero) before it opens the database. */
function listen(srv: Server): Promise<void> {
  return new Promise((resolve) => {
    srv.once("error", (err: NodeJS.ErrnoException) => {
      console.error(`[server] cannot listen on ${hostname}:${port}: ${err.code ?? err.message}; exiting`);
      process.exit(1);
    });
    srv.listen(port, hostname, () => resolve());
  });
}

/** A PGlite directory held by another process (after the bounded wait) is not ours: stop, non-zero. */
async function requireDatabaseOwnership() {
  await getDb().catch((err: Error) => {
    if ((err.cause as Error | undefined)?.name !== "DirLockedError") return; // e.g. PostgreSQL down: requests retry
    console.error(`[server] ${(err.cause as Error).message}; exiting`);
    process.exit(1);
  });
}

async function start() {
  await listen(server);
  // `npm start` runs this file compiled into dist/ (scripts/build-server.mjs); the app is one level up.
  const dir = path.basename(import.meta.dirname) === "dist" ? path.dirname(import.meta.dirname) : import.meta.dirname;
  const app = next({ dev: false, hostname, port, dir });
  handleNext = app.getRequestHandler();
  nextReady = app.prepare();
  await nextReady;
  await requireDatabaseOwnership();
  console.log(`Upgrade Monitor listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
}

// Refuse new connections, answer what is in flight with `Connection: close`, close idle keep-alive
// sockets, then close the database (releasing PGlite's lock for the next process) and exit.
function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  console.log(`[server] ${signal}: draining ${inFlight.size} in-flight request(s)`);
  const started = Date.now();
  setTimeout(() => {
    console.error(`[server] drain limit reached with ${inFlight.size} request(s) in flight: exiting`);
    process.exit(0);
  }, DRAIN_LIMIT_MS).unref();
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  server.close(() => {
    console.log(`[server] drained in ${Date.now() - started} ms`);
    // The fold in progress commits or rolls back whole; what is left pending is folded by the next start.
    void stopProjector()
      .then(closeDb)
      .finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));

await start();
