"use client";
import { useState } from "react";
import { sendBody } from "@/components/alerts/send-json";
import { useAction } from "@/components/hooks/use-action";
import { control } from "@/components/ui/control";
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
  const { busy, error, run } = useAction();

  const upload = (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    void run(async () => {
      const csv = file.name.toLowerCase().endsWith(".csv") || file.type === "text/csv";
      const change = await sendBody<Change>("PUT", taskPath(operationId, "/expected-devices"), {
        type: csv ? "text/csv" : "text/plain",
        text: await file.text(),
      });
      setResult(`${change!.added} added, ${change!.removed} removed, ${change!.total} expected now.`);
      onSaved();
    });
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
      <button type="submit" disabled={!file || busy} className={control("primary", "small")}>
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
