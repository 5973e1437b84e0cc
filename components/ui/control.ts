// The one look for buttons and button-like links (export links, pager, filters, forms): a tone and a
// size, so a change to focus rings or disabled states is made once. Use on <button> or <a>.

const FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";
const DISABLED = "disabled:cursor-not-allowed disabled:opacity-50";

const TONES = {
  /** White with a border: most actions, links that download. */
  secondary: "rounded border border-slate-300 bg-white font-medium text-slate-800 hover:bg-slate-50",
  /** Filled: the one main action of a form. */
  primary: "rounded bg-slate-800 font-medium text-white hover:bg-slate-700",
  /** Text only: row actions in dense tables. */
  link: "text-blue-700 underline-offset-2 hover:underline",
} as const;

const SIZES = {
  /** Inside table rows and the header strip. */
  compact: "px-2 py-0.5 text-xs",
  small: "px-2 py-1 text-xs",
  medium: "px-2.5 py-1 text-sm",
  large: "px-3 py-1.5 text-sm",
} as const;

export type ControlTone = keyof typeof TONES;
export type ControlSize = keyof typeof SIZES;

/** Class names for a control; `extra` appends layout classes (whitespace-nowrap, w-full, …). */
export function control(tone: ControlTone = "secondary", size: ControlSize = "medium", extra = ""): string {
  const sized = tone === "link" ? "text-sm" : SIZES[size];
  return `${TONES[tone]} ${sized} ${FOCUS} ${DISABLED}${extra ? ` ${extra}` : ""}`;
}
