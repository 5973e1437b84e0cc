import type ExcelJS from "exceljs";
import { FAILED_COLUMNS } from "@/lib/exports/failed-columns";
import { encodeCellText } from "./cell-text";

/** What the "About" sheet says about an export. */
export interface ExportAbout {
  /** The task's operationId, or null for the all-tasks export. */
  operationId: string | null;
  /** The query's filters as given (empty ones left out). */
  filters: Record<string, string | undefined>;
  /** Which devices the rows are, in words. */
  selection: string;
  exportedAt: Date;
  /** The signed-in user's name, an API token's name, or the open mode's "anonymous". */
  exportedBy: string;
}

export const DATE_FORMAT = "yyyy-mm-dd hh:mm:ss.000";

export const text = (s: string) => ({ richText: [{ text: encodeCellText(s) }] });

function describeFilters(filters: ExportAbout["filters"]): string {
  const set = Object.entries(filters).filter(([, v]) => v !== undefined && v !== "");
  return set.length ? set.map(([k, v]) => `${k} = ${v}`).join("\n") : "none";
}

/**
 * The second sheet: which task, which filters, how many rows, when and by whom, and what each column
 * means. Written after the data sheet, when the row count is known.
 */
export function writeAboutSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, about: ExportAbout, rows: number): void {
  const sheet = workbook.addWorksheet("About");
  sheet.columns = [{ width: 22 }, { width: 80 }];
  const add = (label: string, value: ExcelJS.CellValue, numFmt?: string) => {
    const row = sheet.addRow([text(label), value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
    if (numFmt) row.getCell(2).numFmt = numFmt;
    row.commit();
  };
  add("Export", text("Failed devices (Upgrade Monitor)"));
  add("Task", text(about.operationId ?? "every task matching the filters"));
  add("Filters", text(describeFilters(about.filters)));
  add("Devices", text(about.selection));
  add("Rows", rows);
  add("Exported at (UTC)", about.exportedAt, DATE_FORMAT);
  add("Exported by", text(about.exportedBy));
  sheet.addRow([]).commit();
  const head = sheet.addRow([text("Column"), text("Meaning")]);
  head.font = { bold: true };
  head.commit();
  for (const c of FAILED_COLUMNS) sheet.addRow([text(c.name), text(c.about)]).commit();
  sheet.commit();
}
