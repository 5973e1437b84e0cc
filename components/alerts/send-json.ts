import { ApiError } from "@/components/hooks/fetcher";

/** A JSON write (alerts, task labels); the error envelope becomes an ApiError (with field details for forms). */
export async function sendJson<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
): Promise<T | null> {
  const res = await fetch(url, {
    method,
    headers:
      body === undefined
        ? { Accept: "application/json" }
        : { Accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const json = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: { field: string; problem: string }[] };
  } | null;
  if (!res.ok)
    throw new ApiError(
      res.status,
      json?.error?.code ?? "http_error",
      json?.error?.message ?? `Request failed with status ${res.status}.`,
      json?.error?.details,
    );
  return json as T;
}

/** "field: problem; …" for a form's error line. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError)
    return err.details?.length ? err.details.map((d) => `${d.field}: ${d.problem}`).join("; ") : err.message;
  return err instanceof Error ? err.message : String(err);
}
