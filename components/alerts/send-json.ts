import { ApiError } from "@/components/hooks/fetcher";

/** A write with a body of any type; the error envelope becomes an ApiError (with field details for forms). */
export async function sendBody<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: { type: string; text: string },
): Promise<T | null> {
  const res = await fetch(url, {
    method,
    headers:
      body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "content-type": body.type },
    body: body?.text,
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

/** A JSON write (alerts, task labels). */
export function sendJson<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
): Promise<T | null> {
  return sendBody<T>(
    method,
    url,
    body === undefined ? undefined : { type: "application/json", text: JSON.stringify(body) },
  );
}

/** "field: problem; …" for a form's error line. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError)
    return err.details?.length ? err.details.map((d) => `${d.field}: ${d.problem}`).join("; ") : err.message;
  return err instanceof Error ? err.message : String(err);
}
