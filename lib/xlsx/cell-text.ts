// Text as a workbook cell must hold it. XML 1.0 cannot carry most control characters, and exceljs
// silently drops them (and a raw CR comes back as LF from any XML parser); OOXML's own escape for them
// is `_xHHHH_` (ECMA-376 ST_Xstring), which Excel and exceljs's reader decode. A literal `_xHHHH_` in
// the data is protected the same way (`_x005F_` is the escaped underscore), so every string
// round-trips exactly.

/** Excel refuses longer cells. */
export const XLSX_MAX_CELL_CHARS = 32_767;
export const TRUNCATED_MARK = "…[cut: longer than Excel's 32,767 characters]";

const NEEDS_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, "0");

export function encodeCellText(text: string): string {
  const escaped = text.replace(NEEDS_ESCAPE, (c) => `_x${hex4(c.charCodeAt(0))}_`);
  if (escaped.length <= XLSX_MAX_CELL_CHARS) return escaped;
  // Cut on the raw text so an escape sequence is never split.
  let cut = text.slice(0, XLSX_MAX_CELL_CHARS - TRUNCATED_MARK.length - 200);
  while (cut.replace(NEEDS_ESCAPE, "_x0000_").length > XLSX_MAX_CELL_CHARS - TRUNCATED_MARK.length)
    cut = cut.slice(0, -100);
  // Never end on half of a surrogate pair (not valid XML either).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(NEEDS_ESCAPE, (c) => `_x${hex4(c.charCodeAt(0))}_`) + TRUNCATED_MARK;
}
