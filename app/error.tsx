"use client";

// Shown when a page's first render fails (the database down, say); the API answers 503 meanwhile.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-6 text-sm text-red-900">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-1">The database may be unavailable. {error.digest ? `(reference ${error.digest})` : ""}</p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded border border-red-400 bg-white px-3 py-1 font-medium hover:bg-red-100"
      >
        Try again
      </button>
    </div>
  );
}
