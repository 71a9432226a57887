// A workbook saved from Excel reads as its CSV does: dates typed as dates, numbers as numbers, text as text.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { spreadsheetText } from "../../src/io/web/spreadsheet.js";
import { readUpload } from "../../src/io/web/upload.js";

const OHIO = "scenarios/ohio-60";

/** The CSV as a coordinator's workbook: the admission date a real date cell, hours and minutes numbers. */
async function workbookOf(csv: string): Promise<Buffer> {
  const rows = parse(csv) as string[][];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Patients");
  const header = rows[0];
  for (const row of rows)
    sheet.addRow(
      row.map((cell, i) => {
        if (row === header || cell === "") return cell;
        if (header[i] === "Admission date") return new Date(`${cell}T00:00:00Z`);
        if (/^\d+$/.test(cell)) return Number(cell);
        return cell;
      }),
    );
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("spreadsheets uploaded as .xlsx", () => {
  it("reads the first sheet as the same table as the CSV it was made from", async () => {
    const csv = readFileSync(`${OHIO}/patients.csv`, "utf8");
    const read = await spreadsheetText(await workbookOf(csv));
    expect(read.ok).toBe(true);
    expect(parse(read.ok ? read.csv : "")).toEqual(parse(csv));
  });

  it("gives the same week as the CSV upload", async () => {
    const clinic = readFileSync(`${OHIO}/clinic.json`);
    const facilitators = readFileSync(`${OHIO}/facilitators.csv`);
    const patientsCsv = readFileSync(`${OHIO}/patients.csv`);
    const fromCsv = await readUpload({ clinic, patients: patientsCsv, facilitators }, undefined);
    const fromXlsx = await readUpload({ clinic, patients: await workbookOf(patientsCsv.toString("utf8")), facilitators }, undefined);
    expect(fromCsv.ok && fromXlsx.ok).toBe(true);
    expect(fromXlsx).toEqual(fromCsv);
  });

  it("writes a time of day typed in Excel as HH:MM, and refuses a broken workbook with what to do", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("S").addRow(["Start", new Date(Date.UTC(1899, 11, 30, 9, 30))]);
    const read = await spreadsheetText(Buffer.from(await book.xlsx.writeBuffer()));
    expect(read).toEqual({ ok: true, csv: "Start,09:30\n" });
    const broken = await spreadsheetText(Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.alloc(64)]));
    expect(broken.ok).toBe(false);
    expect(broken.ok ? "" : broken.message).toMatch(/save it again as \.xlsx or as CSV UTF-8/);
  });
});
