import { waitForProjection } from "../../support/projection";
import { startServer, type RunningServer } from "../../support/servers";

// Alert timings for tests: passes every few hundred ms and retries after 300 ms, so the behaviour the
// production defaults spread over an hour happens within seconds.
export const FAST_ALERTS = {
  ALERTS_EVAL_INTERVAL_MS: "300",
  ALERTS_SCHEDULE_INTERVAL_MS: "500",
  ALERTS_OUTBOX_INTERVAL_MS: "200",
  ALERTS_RETRY_BASE_MS: "300",
  ALERTS_RETRY_MAX_MS: "1000",
  ALERTS_SEND_TIMEOUT_MS: "5000",
  PUBLIC_URL: "https://monitor.example.com",
};

export function startAlertApp(databaseUrl: string, extra: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({ DATABASE_URL: databaseUrl, ...FAST_ALERTS, ...extra }, "custom");
}

export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

/** Posts pushes to the callback, a few at a time; every one must be acknowledged; then waits for the projection. */
export async function postAll(base: string, bodies: unknown[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 8) {
    await Promise.all(
      bodies.slice(i, i + 8).map(async (b) => {
        const res = await fetch(`${base}/api/callback`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(b),
        });
        if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
      }),
    );
  }
  await waitForProjection(base);
}
