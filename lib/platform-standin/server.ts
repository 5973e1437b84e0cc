import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { makeCertificates, type StandinCertificates } from "./certs";
import { subView, taskStatus, taskView, type StandinTask } from "./model";

/** An answer forced on the next `times` requests whose path matches (tests of 401, 429, 5xx, slowness). */
export interface Fault {
  path?: RegExp;
  status?: 401 | 429 | 500 | 502 | 503;
  /** Delay before answering (ms), with or without a forced status. */
  delayMs?: number;
  retryAfter?: number;
  times: number;
}

export interface StandinOptions {
  appId?: string;
  secret?: string;
  /** Token lifetime in seconds (default 3600). */
  expiresIn?: number;
  /** false: plain HTTP, no certificates (for `npm run simulate -- --platform` without TLS). Default true. */
  tls?: boolean;
  port?: number;
}

export interface StandinPlatform {
  url: string;
  appId: string;
  secret: string;
  certs: StandinCertificates | null;
  tasks: Map<string, StandinTask>;
  subscriptions: { notifyType: string; callbackUrl: string }[];
  /** Every request: method, path without query, answered status. close() also deletes the certificates' directory. */
  log: { method: string; path: string; status: number }[];
  logins(): number;
  /** Lifetime in seconds of the tokens issued from now on (starts as StandinOptions.expiresIn). */
  setExpiresIn(seconds: number): void;
  /** The access token the stand-in accepts now (tests check it is never stored). */
  currentToken(): string | null;
  /** Invalidates the current token (as if another process had logged in). */
  revokeToken(): void;
  inject(fault: Fault): void;
  close(): Promise<void>;
}

const NOTIFY_TYPES = [
  "swUpgradeStateChangeNotify",
  "swUpgradeResultNotify",
  "fwUpgradeStateChangeNotify",
  "fwUpgradeResultNotify",
];

/**
 * A local platform built from the documented contract (spec §4, §7): mutual TLS with a CA made at
 * start, form-encoded login and refresh, app_key + Bearer on every call, only the newest token valid,
 * pageSize 1..100, statistics computed from the sub-operations, and injectable faults.
 */
export async function startStandin(opts: StandinOptions = {}): Promise<StandinPlatform> {
  const appId = opts.appId ?? "standin-app";
  const secret = opts.secret ?? randomBytes(12).toString("hex");
  const certs = opts.tls === false ? null : await makeCertificates();
  const tasks = new Map<string, StandinTask>();
  const subscriptions: StandinPlatform["subscriptions"] = [];
  const log: StandinPlatform["log"] = [];
  const faults: Fault[] = [];
  let token: { access: string; refresh: string; expiresAt: number } | null = null;
  let logins = 0;
  let expiresIn = opts.expiresIn ?? 3600;

  const issue = () => {
    token = {
      access: randomBytes(16).toString("hex"),
      refresh: randomBytes(16).toString("hex"),
      expiresAt: Date.now() + expiresIn * 1000,
    };
    return { scope: "default", tokenType: "bearer", expiresIn, accessToken: token.access, refreshToken: token.refresh };
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://standin");
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        log.push({ method: req.method ?? "", path: url.pathname, status });
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const error = (status: number, code: string, desc: string, headers: Record<string, string> = {}) =>
        send(status, { error_code: code, error_desc: desc }, headers);
      const fault = faults.find((f) => f.times > 0 && (!f.path || f.path.test(url.pathname)));
      const answer = () => {
        if (fault?.status) {
          const retry: Record<string, string> =
            fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {};
          return error(fault.status, fault.status === 401 ? "100028" : String(fault.status), "injected fault", retry);
        }
        route(req.method ?? "", url, Buffer.concat(chunks).toString("utf8"), req.headers, send, error);
      };
      if (fault) fault.times--;
      if (fault?.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
    });
  };

  function route(
    method: string,
    url: URL,
    body: string,
    headers: http.IncomingHttpHeaders,
    send: (s: number, b?: unknown) => void,
    error: (s: number, c: string, d: string) => void,
  ) {
    const p = url.pathname;
    if (method === "POST" && (p === "/iocm/app/sec/v1.1.0/login" || p === "/iocm/app/sec/v1.1.0/refreshToken")) {
      if (!String(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
        return error(400, "100022", "login body must be form-urlencoded");
      const form = new URLSearchParams(body);
      if (form.get("appId") !== appId || form.get("secret") !== secret)
        return error(401, "100208", "appId or secret is not right");
      if (p.endsWith("refreshToken") && (!token || form.get("refreshToken") !== token.refresh))
        return error(400, "100007", "refreshToken is not valid");
      if (p.endsWith("login")) logins++;
      return send(200, issue());
    }
    if (headers.app_key !== appId) return error(401, "100208", "app_key is missing or wrong");
    const bearer = /^Bearer (.+)$/.exec(String(headers.authorization ?? ""))?.[1];
    if (!token || bearer !== token.access)
      return error(401, "100028", "the token is not valid (expired or superseded)");
    if (Date.now() >= token.expiresAt) return error(401, "100028", "the token has expired");
    if (method === "POST" && p === "/iodm/app/sub/v1.1.0/subscribe") {
      let b: { notifyType?: unknown; callbackUrl?: unknown };
      try {
        b = JSON.parse(body) as typeof b;
      } catch {
        return error(400, "100022", "body is not JSON");
      }
      if (typeof b.notifyType !== "string" || !NOTIFY_TYPES.includes(b.notifyType))
        return error(400, "100022", "notifyType is not valid");
      if (typeof b.callbackUrl !== "string" || !/^https?:\/\/[^/]+/.test(b.callbackUrl))
        return error(400, "100222", "callback URL is invalid");
      subscriptions.push({ notifyType: b.notifyType, callbackUrl: b.callbackUrl });
      return send(200);
    }
    if (method !== "GET") return error(405, "100000", "method not allowed");
    const paging = () => {
      const pageNo = Number(url.searchParams.get("pageNo") ?? "0");
      const pageSize = Number(url.searchParams.get("pageSize") ?? "10");
      if (!Number.isInteger(pageNo) || pageNo < 0) return null;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return null;
      return { pageNo, pageSize };
    };
    const list = /^\/iodm\/northbound\/v1\.5\.0\/operations$/.test(p);
    const one = /^\/iodm\/northbound\/v1\.5\.0\/operations\/([^/]+)(\/subOperations)?$/.exec(p);
    if (list || one?.[2]) {
      const pg = paging();
      if (!pg) return error(400, "100022", "pageNo must be ≥ 0 and pageSize 1..100");
      const task = one ? tasks.get(decodeURIComponent(one[1]!)) : undefined;
      if (one && !task) return error(404, "100418", "the operation does not exist");
      const wanted = url.searchParams.get(list ? "operationStatus" : "subOperationStatus");
      // Filter, then page, then shape only the page (a 20,000-device task is paged 200 times).
      const all: (StandinTask | StandinTask["subs"][number])[] = list
        ? [...tasks.values()].filter((t) => !wanted || taskStatus(t) === wanted)
        : wanted
          ? task!.subs.filter((s) => s.status.toLowerCase() === wanted.toLowerCase())
          : task!.subs;
      const slice = all.slice(pg.pageNo * pg.pageSize, (pg.pageNo + 1) * pg.pageSize);
      const data = list
        ? (slice as StandinTask[]).map((t) => taskView(t, appId))
        : (slice as StandinTask["subs"]).map((s) => subView(task!, s));
      return send(200, { data, pageNo: pg.pageNo, pageSize: pg.pageSize, totalCount: all.length });
    }
    if (one) {
      const task = tasks.get(decodeURIComponent(one[1]!));
      return task ? send(200, taskView(task, appId)) : error(404, "100418", "the operation does not exist");
    }
    return error(404, "100000", "no such resource");
  }

  const server = certs
    ? https.createServer(
        { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requestCert: true, rejectUnauthorized: true },
        handler,
      )
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${certs ? "https" : "http"}://127.0.0.1:${port}`,
    appId,
    secret,
    certs,
    tasks,
    subscriptions,
    log,
    logins: () => logins,
    setExpiresIn: (seconds) => void (expiresIn = seconds),
    currentToken: () => token?.access ?? null,
    revokeToken: () => void (token = null),
    inject: (f) => void faults.push({ ...f }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (certs) await rm(certs.dir, { recursive: true, force: true });
    },
  };
}
