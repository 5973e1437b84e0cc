import type { SWRConfiguration } from "swr";

/** A failed API call: the HTTP status plus the error envelope's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { field: string; problem: string }[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The one fetcher behind every SWR hook: JSON in, ApiError out. */
export async function fetcher<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (res.ok) return (await res.json()) as T;
  let code = "http_error";
  let message = `Request failed with status ${res.status}.`;
  let details: ApiError["details"];
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: ApiError["details"] } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
    details = body.error?.details;
  } catch {
    // Not our envelope (a proxy's HTML page, say): keep the generic message.
  }
  throw new ApiError(res.status, code, message, details);
}

/** Polling for live pages: a few seconds, never while the tab is hidden or offline. */
const LIVE_REFRESH_MS = 3_000;

export const liveOptions: SWRConfiguration = {
  refreshInterval: LIVE_REFRESH_MS,
  refreshWhenHidden: false,
  refreshWhenOffline: false,
  revalidateOnFocus: true,
  keepPreviousData: true,
  // A 4xx will not heal by retrying; a 503 will.
  onErrorRetry: (err, _key, _config, revalidate, { retryCount }) => {
    if (err instanceof ApiError && err.status < 500) return;
    if (retryCount >= 5) return;
    setTimeout(() => void revalidate({ retryCount }), 2_000 * (retryCount + 1));
  },
};
