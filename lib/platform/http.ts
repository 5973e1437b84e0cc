import http from "node:http";
import https from "node:https";
import type { PlatformConfig } from "./config";

/** One HTTP answer, body as text (the platform answers JSON; errors are {error_code, error_desc}). */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method: "GET" | "POST";
  /** Path and query, e.g. /iodm/northbound/v1.5.0/operations?pageNo=0 */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Milliseconds before the request is abandoned (default 30 s). */
  timeoutMs?: number;
}

let warnedPlainHttp = false;

/**
 * Sends requests to the platform over one keep-alive agent carrying the private CA and the client
 * certificate (the legacy platform on 8743 requires mutual TLS). http:// works too, for a local test
 * platform only: it says so once, because the secret would cross the network in clear text.
 */
export function createTransport(config: Pick<PlatformConfig, "url" | "ca" | "cert" | "key">) {
  const base = new URL(config.url);
  const secure = base.protocol === "https:";
  if (!secure && !warnedPlainHttp) {
    warnedPlainHttp = true;
    console.warn(
      `[platform] PLATFORM_URL uses http:// (${base.host}): only acceptable for a local test platform; the secret is sent unencrypted`,
    );
  }
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 4, ca: config.ca, cert: config.cert, key: config.key })
    : new http.Agent({ keepAlive: true, maxSockets: 4 });
  const prefix = base.pathname.replace(/\/+$/, "");

  function send(req: RawRequest): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const options: https.RequestOptions = {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || (secure ? 443 : 80),
        path: prefix + req.path,
        method: req.method,
        agent,
        headers: {
          Accept: "application/json",
          ...req.headers,
          ...(req.body !== undefined ? { "Content-Length": String(Buffer.byteLength(req.body)) } : {}),
        },
      };
      const r = (secure ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      });
      r.setTimeout(req.timeoutMs ?? 30_000, () =>
        r.destroy(new Error(`no answer from the platform within ${req.timeoutMs ?? 30_000} ms`)),
      );
      r.on("error", reject);
      r.end(req.body);
    });
  }

  return { send, close: () => agent.destroy() };
}

export type Transport = ReturnType<typeof createTransport>;
