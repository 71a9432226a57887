// The week's roster as an Excel workbook, one sheet per view: attendance and groups (the CSV exports' own tables,
// made by the same code), patients (hours scheduled against required, and why short) and facilitators (hours, groups
// led). Each sheet is a table from its first row, and the redisclosure notice is a column of every row, as in the
// CSV files. Text is written as text, never as a formula, and begins as the CSV's does: a cell that begins like a
// formula begins with a quote, so the sheet saved again as CSV does not run it either.
import ExcelJS from "exceljs";
import type { Roster, Scenario } from "../../domain/index.js";
import { type SheetTable, attendanceTable, groupsTable, spreadsheetCell, withNotice } from "./csv.js";

export const XLSX_SHEETS = ["Attendance", "Groups", "Patients", "Facilitators"] as const;

/** One row per patient: the hours their level requires, those scheduled, and the billable days short and why. */
export function patientsTable(roster: Roster): SheetTable {
  const rows = roster.patients.map((p) => ({
    "Patient ID": p.id,
    Level: p.level,
    Track: p.track,
    "Scheduled hours": p.scheduledHours,
    "Required hours": p.requiredHours,
    "Billable days short": p.unmet?.days ?? 0,
    "Why short": p.unmet?.reason ?? "",
  }));
  return withNotice(roster.notice, rows, [
    "Patient ID",
    "Level",
    "Track",
    "Scheduled hours",
    "Required hours",
    "Billable days short",
    "Why short",
  ]);
}

/** One row per facilitator: their hours of the week (groups, one-to-ones, the family group) and the groups they lead. */
export function facilitatorsTable(roster: Roster): SheetTable {
  const rows = Object.entries(roster.metrics.facilitatorHours).map(([id, hours]) => ({
    "Facilitator ID": id,
    Hours: hours,
    "Groups led": roster.sessions.filter((s) => s.facilitatorId === id).length,
  }));
  return withNotice(roster.notice, rows, ["Facilitator ID", "Hours", "Groups led"]);
}

/** A cell as the CSV has it: numbers stay numbers, text begins with a quote where it would begin a formula. */
function cellOf(value: string | number | undefined): string | number {
  if (typeof value === "number") return value;
  const cell = spreadsheetCell(value ?? "");
  return typeof cell === "string" ? cell : cell.value;
}

const WIDTH = { min: 8, max: 60 };

function addSheet(book: ExcelJS.Workbook, name: string, table: SheetTable): void {
  // The header stays in view as the rows scroll.
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  const lines = [table.columns, ...table.rows.map((row) => table.columns.map((c) => cellOf(row[c])))];
  sheet.addRows(lines);
  sheet.getRow(1).font = { bold: true };
  // As wide as the column's longest text, within bounds: a notice or a reason is cut, not a sheet a screen wide.
  sheet.columns.forEach((column, i) => {
    const longest = lines.reduce((n, line) => Math.max(n, String(line[i]).length), 0);
    column.width = Math.min(WIDTH.max, Math.max(WIDTH.min, longest + 2));
  });
}

/** The workbook's bytes (.xlsx). */
export async function rosterWorkbook(scenario: Scenario, roster: Roster): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const tables = [attendanceTable(scenario, roster), groupsTable(scenario, roster), patientsTable(roster), facilitatorsTable(roster)];
  XLSX_SHEETS.forEach((name, i) => addSheet(book, name, tables[i]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
