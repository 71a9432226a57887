// Which spreadsheet column feeds which field: each field has the header names it is known by, and a clinic can
// name its own ({ "id": "Client alias" }). Cells are read into plain input objects that the zod schemas check.
import { z } from "zod";
import { IsoDate, Label, listedNames } from "../../domain/index.js";
import type { CsvProblem, CsvTable } from "./table.js";

export interface Column {
  /** The field's name, as used in a column mapping. */
  readonly field: string;
  /** Header names it is found under by default (compared without case, spaces or punctuation). */
  readonly headers: readonly string[];
  readonly required?: boolean;
  /** Reads a non-empty cell into the object being built; returns what was expected when it cannot. */
  readonly read: (cell: string, into: Record<string, unknown>) => string | null;
}

/** A mapping from field to the header a clinic's export uses for it. */
export const ColumnMapping = z.record(Label, Label.min(1)).meta({
  description: 'Header names of your export per field, e.g. { "id": "Client alias", "work": "Work hours" }',
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

const norm = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

export interface ReadRows {
  /** One input object per good row, with the spreadsheet row it came from. */
  readonly records: { readonly row: number; readonly value: Record<string, unknown> }[];
  readonly problems: CsvProblem[];
  /** Headers no field reads: their cells are never looked at. */
  readonly ignored: string[];
  /** The header each field was read from. */
  readonly headerOf: ReadonlyMap<string, string>;
}

export function readRows(table: CsvTable, columns: readonly Column[], mapping: ColumnMapping = {}): ReadRows {
  const problems: CsvProblem[] = [...table.problems];
  const fields = new Set(columns.map((c) => c.field));
  const unknown = Object.keys(mapping).filter((field) => !fields.has(field));
  if (unknown.length > 0)
    problems.push({
      row: null,
      message: `the column mapping names ${listedNames(unknown)}, which ${unknown.length > 1 ? "are not fields" : "is not a field"}; expected one of ${[...fields].join(", ")}`,
    });
  const index = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const taken = new Set<number>();
  for (const column of columns) {
    const wanted = mapping[column.field] !== undefined ? [mapping[column.field]] : column.headers;
    const at = table.header.findIndex((h, i) => !taken.has(i) && wanted.some((w) => norm(w) === norm(h)));
    if (at >= 0) {
      index.set(column.field, at);
      headerOf.set(column.field, table.header[at]);
      taken.add(at);
    } else if (column.required && table.header.length === 1) {
      problems.push({ row: null, message: "the header row is a single cell: save the sheet as CSV separated by commas or semicolons" });
      break;
    } else if (mapping[column.field] !== undefined && table.header.length > 0) {
      // A mapping that misses would drop the column silently (a patient's work hours): it stops the read instead.
      problems.push({
        row: null,
        message: `the column mapping puts "${column.field}" under "${mapping[column.field]}", but no header is named so`,
      });
    } else if (column.required && table.header.length > 0) {
      problems.push({
        row: null,
        message: `no "${column.field}" column: looked for a header named ${wanted.map((w) => `"${w}"`).join(" or ")}; rename it or map it`,
      });
    }
  }
  const ignored = table.header.filter((h, i) => !taken.has(i) && h !== "");
  if (table.header.length > 0 && table.rows.length === 0 && table.problems.length === 0)
    problems.push({ row: null, message: "no rows under the header" });
  if (problems.some((p) => p.row === null)) return { records: [], problems, ignored, headerOf };
  const records: ReadRows["records"] = [];
  for (const { row, cells } of table.rows) {
    const value: Record<string, unknown> = {};
    let good = true;
    for (const column of columns) {
      const at = index.get(column.field);
      const cell = at === undefined ? "" : cells[at].trim();
      if (cell === "") {
        if (column.required) {
          problems.push({ row, column: headerOf.get(column.field), message: "required, but empty" });
          good = false;
        }
        continue;
      }
      const error = column.read(cell, value);
      if (error !== null) {
        problems.push({ row, column: headerOf.get(column.field), message: error });
        good = false;
      }
    }
    if (good) records.push({ row, value });
  }
  return { records, problems, ignored, headerOf };
}

// Cell readers shared by the patient and facilitator columns.

export const text =
  (field: string) =>
  (cell: string, into: Record<string, unknown>): null => {
    into[field] = cell;
    return null;
  };

export const list =
  (field: string) =>
  (cell: string, into: Record<string, unknown>): null => {
    into[field] = cell
      .split(/[;,|]/)
      .map((x) => x.trim())
      .filter(Boolean);
    return null;
  };

export const number =
  (field: string, what: string) =>
  (cell: string, into: Record<string, unknown>): string | null => {
    if (!/^\d+([.,]\d+)?$/.test(cell)) return `expected ${what}`;
    into[field] = Number(cell.replace(",", "."));
    return null;
  };

export const wholeNumber =
  (field: string, what: string) =>
  (cell: string, into: Record<string, unknown>): string | null => {
    if (!/^\d+$/.test(cell)) return `expected ${what}`;
    into[field] = Number(cell);
    return null;
  };

export const isoDate =
  (field: string) =>
  (cell: string, into: Record<string, unknown>): string | null => {
    if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(cell))
      return "a date with slashes or dots reads differently in the US and elsewhere: write it as YYYY-MM-DD (2026-12-07)";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cell)) return "expected a date as YYYY-MM-DD (2026-12-07)";
    if (!IsoDate.safeParse(cell).success) return "expected a date that exists (months 01–12, and a day the month has)";
    into[field] = cell;
    return null;
  };
