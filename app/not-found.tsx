import Link from "next/link";

export default function NotFound() {
  return (
    <div className="rounded-md border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-slate-700">
        Nothing has been received for this task or device. Check the id, or go back to the{" "}
        <Link href="/" className="text-blue-700 underline">
          task list
        </Link>
        .
      </p>
    </div>
  );
}
