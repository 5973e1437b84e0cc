import { control } from "@/components/ui/control";

// Small labelled form controls for the /alerts forms.
const INPUT =
  "rounded border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

export function TextField({
  label,
  name,
  type = "text",
  placeholder,
  required,
  step,
}: {
  label: string;
  name: string;
  type?: string;
  placeholder?: string;
  required?: boolean;
  step?: string;
}) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-700">
      {label}
      <input
        className={INPUT}
        name={name}
        type={type}
        placeholder={placeholder}
        required={required}
        step={step}
        autoComplete="off"
      />
    </label>
  );
}

export function SelectField({
  label,
  name,
  options,
  value,
  onChange,
}: {
  label: string;
  name: string;
  options: readonly string[];
  value?: string;
  onChange?: (v: string) => void;
}) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-700">
      {label}
      <select
        className={INPUT}
        name={name}
        value={value}
        onChange={onChange ? (e) => onChange(e.target.value) : undefined}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export const BUTTON = control("primary", "medium");
export const LINK_BUTTON = control("link");
