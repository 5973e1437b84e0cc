"use client";
import { useState } from "react";
import { ApiError } from "@/components/hooks/fetcher";
import { describeError } from "@/components/alerts/send-json";
import { taskPath } from "@/lib/schemas/api-url";

interface Change {
  added: number;
  removed: number;
  total: number;
}

/**
 * Declares the task's target devices from a file (one deviceId per line, or a CSV with a deviceId
 * column): the same PUT /api/tasks/{operationId}/expected-devices a script would send. Replaces
 * the declared list; the platform's targets stay.
 */
export function ExpectedUpload({ operationId, onSaved }: { operationId: string; onSaved: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const csv = file.name.toLowerCase().endsWith(".csv") || file.type === "text/csv";
      const res = await fetch(taskPath(operationId, "/expected-devices"), {
        method: "PUT",
        headers: { Accept: "application/json", "content-type": csv ? "text/csv" : "text/plain" },
        body: await file.text(),
      });
      const json = (await res.json().catch(() => null)) as
        (Change & { error?: { code: string; message: string; details?: { field: string; problem: string }[] } }) | null;
      if (!res.ok)
        throw new ApiError(
          res.status,
          json?.error?.code ?? "http_error",
          json?.error?.message ?? `Upload failed with status ${res.status}.`,
          json?.error?.details,
        );
      setResult(`${json!.added} added, ${json!.removed} removed, ${json!.total} expected now.`);
      onSaved();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="flex flex-wrap items-center gap-2 text-sm" onSubmit={upload} aria-label="Declare expected devices">
      <label htmlFor="expected-file" className="text-slate-700">
        Declare expected devices (.txt one deviceId per line, or .csv with a deviceId column)
      </label>
      <input
        id="expected-file"
        type="file"
        accept=".txt,.csv,text/plain,text/csv"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button
        type="submit"
        disabled={!file || busy}
        className="rounded bg-blue-700 px-2 py-1 text-white disabled:opacity-50"
      >
        Upload list
      </button>
      {result ? (
        <span role="status" data-testid="expected-upload-result" className="text-emerald-800">
          {result}
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="w-full text-red-800">
          {error}
        </span>
      ) : null}
    </form>
  );
}
