import type { ApiError } from "@/components/hooks/fetcher";

export function ErrorNotice({ error, what }: { error: Error | ApiError; what: string }) {
  const status = "status" in error ? ` (${error.status})` : "";
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      Could not load {what}
      {status}: {error.message} Retrying automatically.
    </div>
  );
}
