"use client";
import { useEffect, useState } from "react";

/**
 * A text filter applied as you type: local text for responsiveness, pushed to the URL after a short
 * pause. When the URL changes from elsewhere (a "clear" link), the text follows it.
 */
export function SearchInput({
  id,
  label,
  value,
  onChange,
  placeholder,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState(value ?? "");
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    if ((value ?? "") !== text.trim()) setText(value ?? "");
  }
  useEffect(() => {
    if (text.trim() === (value ?? "")) return;
    const t = setTimeout(() => onChange(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text, value, onChange]);
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        className="w-56 rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}

export const selectClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

export function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}
