// An uploaded spreadsheet as the CSV text the importer reads: CSV as it is, an Excel workbook (.xlsx) by its first
// sheet. Excel keeps dates and times as numbers shown through a format; they are written back as the importer's
// YYYY-MM-DD and HH:MM, so a sheet typed in Excel reads the same as its CSV.
import type ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";

const ZIP = Buffer.from("PK\u0003\u0004", "latin1");
/** Most rows and columns read from a workbook: beyond the importer's own limits, a sheet is refused there. */
const MAX_ROWS = 20_000;
const MAX_COLUMNS = 60;

export type SheetText = { ok: true; csv: string } | { ok: false; message: string };

const two = (n: number) => String(n).padStart(2, "0");

/** A cell as the importer reads it: Excel's day 0 (1899-12-30) holds a time of day only. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (value.getUTCFullYear() < 1900) return `${two(value.getUTCHours())}:${two(value.getUTCMinutes())}`;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

export async function spreadsheetText(file: Buffer): Promise<SheetText> {
  if (!file.subarray(0, 4).equals(ZIP)) return { ok: true, csv: file.toString("utf8") };
  // exceljs takes a quarter of a second to load: only an upload that is a workbook waits for it.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      message: "this file starts like an Excel workbook but cannot be read as one: save it again as .xlsx or as CSV UTF-8",
    };
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { ok: false, message: "the workbook has no sheet" };
  if (sheet.rowCount > MAX_ROWS || sheet.columnCount > MAX_COLUMNS)
    return {
      ok: false,
      message: `the first sheet has ${sheet.rowCount} rows and ${sheet.columnCount} columns; at most ${MAX_ROWS} and ${MAX_COLUMNS} are read`,
    };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  });
  return { ok: true, csv: stringify(rows) };
}
