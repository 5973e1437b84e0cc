import useSWR from "swr";
import { errorCodesKey } from "@/lib/schemas/api-url";
import type { ErrorCodeDictionary } from "@/lib/schemas/error-codes";
import { ApiError, fetcher } from "./fetcher";

/** GET /api/error-codes – the dictionary; `save`/`remove` change an operator entry and refresh it. */
export function useErrorCodes() {
  const swr = useSWR<ErrorCodeDictionary>(errorCodesKey(), fetcher, { keepPreviousData: true });
  const send = async (method: "PUT" | "DELETE", url: string, body?: unknown) => {
    const res = await fetch(url, {
      method,
      headers: body
        ? { "Content-Type": "application/json", Accept: "application/json" }
        : { Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) {
      const err = (await res.json().catch(() => ({}))) as {
        error?: { code?: string; message?: string; details?: ApiError["details"] };
      };
      throw new ApiError(
        res.status,
        err.error?.code ?? "http_error",
        err.error?.message ?? `Request failed with status ${res.status}.`,
        err.error?.details,
      );
    }
    await swr.mutate();
  };
  return {
    ...swr,
    save: (e: { kind: string; code: string; meaning: string }) => send("PUT", errorCodesKey(), e),
    remove: (kind: string, code: string) => send("DELETE", `${errorCodesKey()}?${new URLSearchParams({ kind, code })}`),
  };
}
