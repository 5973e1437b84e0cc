import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import type { PlatformConfig } from "./config";
import { createTransport, type RawAnswer, type Transport } from "./http";
import { TokenAnswer } from "./schemas";

export const LOGIN_PATH = "/iocm/app/sec/v1.1.0/login";
export const REFRESH_PATH = "/iocm/app/sec/v1.1.0/refreshToken";

/** A platform answer we cannot use: status, the platform's error_code/error_desc when it sent one. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = "PlatformError";
  }
}

/** What the client tells its owner when a token is issued (times only; the token stays in memory). */
export interface TokenEvent {
  issuedAt: Date;
  expiresAt: Date;
  kind: "login" | "refresh";
}

export interface ClientOptions {
  /** Attempts for one call on 429, 5xx or a network error (default 5). */
  maxAttempts?: number;
  /** First backoff in ms, doubled per attempt up to maxBackoffMs (defaults 500 and 30 000). Retry-After wins when given. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Refresh this many seconds before expiresIn runs out (default: a tenth of the lifetime, 5..300 s). */
  refreshMarginSeconds?: number;
  onToken?: (e: TokenEvent) => void | Promise<void>;
  /** Called with each retry's reason, for the log and the status page. */
  onRetry?: (reason: string) => void;
}

/**
 * The platform's northbound API with its rules (spec §4.1): form-urlencoded login, refresh before
 * expiresIn, app_key + Bearer on every call, a fresh login on 401 (a superseded or expired token),
 * exponential backoff on 429/5xx. Only one process per app may use this at a time (the platform keeps
 * only the newest token valid): lib/platform/lease.ts decides which.
 */
export class PlatformClient {
  private readonly transport: Transport;
  private token: { access: string; refresh: string | null; expiresAt: number; lifetimeMs: number } | null = null;

  constructor(
    readonly config: PlatformConfig,
    private readonly opts: ClientOptions = {},
  ) {
    this.transport = createTransport(config);
  }

  close(): void {
    this.transport.close();
  }

  /** Forgets the token (the lease went to another instance, whose login has superseded it anyway). */
  dropToken(): void {
    this.token = null;
  }

  hasToken(): boolean {
    return this.token !== null;
  }

  async login(): Promise<void> {
    await this.takeToken(LOGIN_PATH, { appId: this.config.appId, secret: this.config.secret }, "login");
  }

  /** A valid token: logs in when there is none, refreshes shortly before it expires (login again if refreshing fails). */
  async ensureToken(): Promise<string> {
    const t = this.token;
    if (!t) {
      await this.login();
    } else {
      const margin = (this.opts.refreshMarginSeconds ?? Math.min(300, Math.max(5, t.lifetimeMs / 10_000))) * 1000;
      if (Date.now() >= t.expiresAt - margin) {
        try {
          if (!t.refresh) throw new Error("no refresh token");
          await this.takeToken(
            REFRESH_PATH,
            { appId: this.config.appId, secret: this.config.secret, refreshToken: t.refresh },
            "refresh",
          );
        } catch {
          await this.login();
        }
      }
    }
    return this.token!.access;
  }

  /** GET or POST (JSON) with the token; the answer parsed by `schema`. Throws PlatformError on other 4xx or after the retries. */
  async call<S extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    schema: S | null,
    body?: unknown,
  ): Promise<z.infer<S>> {
    let relogged = false;
    for (let attempt = 1; ; attempt++) {
      const access = await this.ensureToken();
      const answer = await this.sendWithBackoff(() =>
        this.transport.send({
          method,
          path,
          headers: {
            app_key: this.config.appId,
            Authorization: `Bearer ${access}`,
            ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      if (answer.status === 401 && !relogged) {
        // Expired or superseded (someone logged in after us): one fresh login, then the same call again.
        relogged = true;
        this.opts.onRetry?.(`401 on ${method} ${path.split("?")[0]}: logging in again`);
        this.token = null;
        continue;
      }
      if (answer.status < 200 || answer.status >= 300) throw errorFrom(answer, `${method} ${path.split("?")[0]}`);
      if (!schema) return undefined as z.infer<S>;
      return parseJson(answer, schema, `${method} ${path.split("?")[0]}`) as z.infer<S>;
    }
  }

  private async takeToken(path: string, form: Record<string, string>, kind: TokenEvent["kind"]): Promise<void> {
    const answer = await this.sendWithBackoff(() =>
      this.transport.send({
        method: "POST",
        path,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      }),
    );
    if (answer.status < 200 || answer.status >= 300) {
      this.token = null;
      throw errorFrom(answer, kind === "login" ? "login" : "token refresh");
    }
    const t = parseJson(answer, TokenAnswer, kind);
    const issuedAt = Date.now();
    const lifetimeMs = t.expiresIn * 1000;
    this.token = {
      access: t.accessToken,
      refresh: t.refreshToken ?? null,
      expiresAt: issuedAt + lifetimeMs,
      lifetimeMs,
    };
    await this.opts.onToken?.({ issuedAt: new Date(issuedAt), expiresAt: new Date(issuedAt + lifetimeMs), kind });
  }

  /** Retries 429, 5xx and network errors with exponential backoff (Retry-After in seconds wins). */
  private async sendWithBackoff(send: () => Promise<RawAnswer>): Promise<RawAnswer> {
    const max = this.opts.maxAttempts ?? 5;
    let delay = this.opts.backoffMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      let answer: RawAnswer | null = null;
      let reason: string;
      try {
        answer = await send();
        if (answer.status !== 429 && answer.status < 500) return answer;
        reason = `HTTP ${answer.status}`;
      } catch (err) {
        reason = err instanceof Error ? err.message : String(err);
      }
      if (attempt >= max) {
        if (answer) return answer;
        throw new PlatformError(`the platform cannot be reached: ${reason}`, 0);
      }
      const retryAfter = Number(answer?.headers["retry-after"]);
      const wait = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : delay;
      this.opts.onRetry?.(`${reason}: retrying in ${wait} ms (attempt ${attempt + 1} of ${max})`);
      await sleep(Math.min(wait, this.opts.maxBackoffMs ?? 30_000));
      delay = Math.min(delay * 2, this.opts.maxBackoffMs ?? 30_000);
    }
  }
}

function errorFrom(answer: RawAnswer, what: string): PlatformError {
  let code: string | null = null;
  let desc = "";
  try {
    const body = JSON.parse(answer.text) as { error_code?: unknown; error_desc?: unknown };
    code = body.error_code == null ? null : String(body.error_code);
    desc = body.error_desc == null ? "" : String(body.error_desc);
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  return new PlatformError(
    `${what} answered HTTP ${answer.status}${code ? ` (${code}${desc ? `: ${desc}` : ""})` : ""}`,
    answer.status,
    code,
  );
}

function parseJson<S extends z.ZodType>(answer: RawAnswer, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new PlatformError(`${what}: the platform's answer is not JSON`, answer.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new PlatformError(
      `${what}: unexpected answer (${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")})`,
      answer.status,
    );
  return parsed.data;
}
