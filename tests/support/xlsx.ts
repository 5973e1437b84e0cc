import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";

// Reading a produced workbook two ways: the raw sheet XML (unzipped by fflate, parsed here: what
// Excel itself sees — cell types, formulas, exact text) and exceljs's reader for structure.

export interface RawCell {
  ref: string;
  col: string;
  row: number;
  type: string | null;
  xml: string;
}

export function unzipXml(buf: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(buf)).map(([name, data]) => [name, strFromU8(data)]));
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, "&")
    // ECMA-376 ST_Xstring: _xHHHH_ is the character HHHH (so _x005F_ is "_").
    .replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

export function rawCells(sheetXml: string): RawCell[] {
  const cells: RawCell[] = [];
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    cells.push({
      ref: m[1]! + m[2]!,
      col: m[1]!,
      row: Number(m[2]),
      type: /\bt="([^"]+)"/.exec(m[3]!)?.[1] ?? null,
      xml: m[4] ?? "",
    });
  }
  return cells;
}

/** The text of an inline-string cell: its runs' <t> contents joined and decoded. */
export const inlineText = (c: RawCell) =>
  decodeXml([...c.xml.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(""));

/** Rows of a raw sheet as text (inline strings decoded, numbers as written, empty cells ""), A..M. */
export function rawRows(sheetXml: string, columns = 13): string[][] {
  const rows: string[][] = [];
  for (const c of rawCells(sheetXml)) {
    const row = (rows[c.row - 1] ??= Array.from({ length: columns }, () => ""));
    row[c.col.charCodeAt(0) - 65] = c.type === "inlineStr" ? inlineText(c) : (/<v>([^<]*)<\/v>/.exec(c.xml)?.[1] ?? "");
  }
  return rows;
}

export async function loadWorkbook(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** A cell value as text: rich text joined, anything else as is. */
export const cellText = (v: ExcelJS.CellValue): unknown =>
  v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : v;
