// A clinic (JSON: zone, week, rooms, slots, program, facilitators) plus spreadsheets of patients and, optionally,
// facilitators, made into one scenario. A bad row is named by file, row and column, and left out; the good rows
// are kept and counted. Problems with the clinic itself stop the whole thing.
import { z } from "zod";
import { type InputProblem, jsonPath, listedProblems, Facilitator, Patient, Roster, Scenario } from "../../domain/index.js";
import { type Column, ColumnMapping, readRows } from "./columns.js";
import { FACILITATOR_COLUMNS, PATIENT_COLUMNS } from "./people.js";
import { type CsvProblem, readTable } from "./table.js";

export const CsvSources = z.strictObject({
  clinic: z
    .record(z.string(), z.unknown())
    .meta({ description: "A scenario without patients (and without facilitators when they come as CSV)" }),
  patientsCsv: z.string().meta({ description: "The patients spreadsheet as CSV text, one row per patient (columns: see docs/formats.md)" }),
  facilitatorsCsv: z.string().optional().meta({ description: "The facilitators spreadsheet as CSV text; else the clinic's facilitators" }),
  columns: z.strictObject({ patients: ColumnMapping.optional(), facilitators: ColumnMapping.optional() }).optional(),
});
export type CsvSources = z.infer<typeof CsvSources>;

/** What POST /v1/rosters/from-csv answers: the roster, and what was read from the spreadsheets. */
export const CsvSolveResponse = z.object({
  roster: Roster,
  input: z.object({
    read: z.object({ patients: z.number().int(), facilitators: z.number().int() }),
    rowsLeftOut: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .meta({ description: "Rows not read, each with row, column and what was expected" }),
    ignoredColumns: z
      .object({ patients: z.array(z.string()), facilitators: z.array(z.string()) })
      .meta({ description: "Headers no field reads" }),
  }),
});

export interface FileProblem extends CsvProblem {
  readonly file: "patients" | "facilitators";
}

export interface CsvScenario {
  /** Null when the clinic or a whole file is unusable (see problems). */
  readonly scenario: Scenario | null;
  readonly problems: readonly (FileProblem | InputProblem)[];
  readonly read: { readonly patients: number; readonly facilitators: number };
  readonly ignoredColumns: { readonly patients: readonly string[]; readonly facilitators: readonly string[] };
}

interface Sheet {
  readonly file: FileProblem["file"];
  readonly records: { row: number; value: Record<string, unknown> }[];
  readonly headerOf: ReadonlyMap<string, string>;
}

function sheet(
  file: Sheet["file"],
  csv: string,
  columns: readonly Column[],
  schema: z.ZodType,
  mapping: ColumnMapping | undefined,
  problems: FileProblem[],
) {
  const read = readRows(readTable(csv), columns, mapping);
  problems.push(...read.problems.map((p) => ({ ...p, file })));
  // Each row on its own first, so that one bad cell costs one row.
  const records = read.records.filter(({ row, value }) => {
    const result = schema.safeParse(value);
    if (result.success) return true;
    for (const issue of result.error.issues)
      problems.push({ file, row, column: columnOf(read.headerOf, issue.path), message: issue.message });
    return false;
  });
  return { sheet: { file, records, headerOf: read.headerOf }, fatal: read.problems.some((p) => p.row === null), ignored: read.ignored };
}

function columnOf(headerOf: ReadonlyMap<string, string>, path: readonly PropertyKey[]): string | undefined {
  const field = String(path[0] ?? "");
  return headerOf.get(field) ?? (field === "unavailable" ? "work, school, childcare or unavailable" : field || undefined);
}

export function scenarioFromCsv(sources: CsvSources): CsvScenario {
  const problems: (FileProblem | InputProblem)[] = [];
  const fileProblems: FileProblem[] = [];
  const { clinic } = sources;
  if (clinic.patients !== undefined)
    problems.push({ path: "clinic.patients", message: "the patients come from the CSV: leave them out of the clinic" });
  if (sources.facilitatorsCsv === undefined && clinic.facilitators === undefined) {
    problems.push({
      path: "clinic.facilitators",
      message: "no facilitators: list them in the clinic, or send them as CSV (--facilitators)",
    });
  }
  if (sources.facilitatorsCsv !== undefined && clinic.facilitators !== undefined) {
    problems.push({ path: "clinic.facilitators", message: "the facilitators come from the CSV: leave them out of the clinic" });
  }
  const patients = sheet("patients", sources.patientsCsv, PATIENT_COLUMNS, Patient, sources.columns?.patients, fileProblems);
  const facilitators =
    sources.facilitatorsCsv === undefined
      ? null
      : sheet("facilitators", sources.facilitatorsCsv, FACILITATOR_COLUMNS, Facilitator, sources.columns?.facilitators, fileProblems);
  const ignoredColumns = { patients: patients.ignored, facilitators: facilitators?.ignored ?? [] };
  const done = (scenario: Scenario | null, p: Sheet, f: Sheet | null): CsvScenario => ({
    scenario,
    problems: [...problems, ...fileProblems],
    read: { patients: p.records.length, facilitators: f?.records.length ?? 0 },
    ignoredColumns,
  });
  if (problems.length > 0 || patients.fatal || facilitators?.fatal) return done(null, patients.sheet, facilitators?.sheet ?? null);

  // Then together: a level the program lacks or an id used twice is the row's problem; anything else the clinic's.
  let p = patients.sheet;
  let f = facilitators?.sheet ?? null;
  for (;;) {
    const input = { ...clinic, ...(f ? { facilitators: f.records.map((r) => r.value) } : {}), patients: p.records.map((r) => r.value) };
    const result = Scenario.safeParse(input);
    if (result.success) return done(result.data, p, f);
    const bad = { patients: new Set<number>(), facilitators: new Set<number>() };
    for (const issue of result.error.issues) {
      const [list, i, ...rest] = issue.path;
      const own = list === "patients" ? p : list === "facilitators" && f ? f : null;
      if (own && typeof i === "number" && own.records[i]) {
        bad[own.file].add(i);
        // "entry 4" counts the rows read, not the spreadsheet's rows: name the row the other copy is on.
        const message = issue.message.replace(/entry (\d+)/, (whole, n: string) =>
          own.records[Number(n)] ? `row ${own.records[Number(n)].row}` : whole,
        );
        fileProblems.push({ file: own.file, row: own.records[i].row, column: columnOf(own.headerOf, rest), message });
      } else {
        problems.push({ path: `clinic.${jsonPath(issue.path)}`, message: issue.message });
      }
    }
    if (problems.length > 0 || (bad.patients.size === 0 && bad.facilitators.size === 0)) return done(null, p, f);
    p = { ...p, records: p.records.filter((_, i) => !bad.patients.has(i)) };
    if (f) f = { ...f, records: f.records.filter((_, i) => !bad.facilitators.has(i)) };
  }
}

/**
 * One problem per line to show; the same problem in many rows is one, with the rows and a count; past
 * PROBLEMS_LISTED lines, one more says how many were left out.
 */
export function csvProblemList(
  problems: readonly (FileProblem | InputProblem)[],
  files: { patients: string; facilitators?: string },
): InputProblem[] {
  const list: InputProblem[] = [];
  const grouped = new Map<string, { file: FileProblem["file"]; column?: string; message: string; rows: number[] }>();
  for (const problem of problems) {
    if (!("file" in problem)) {
      list.push(problem);
      continue;
    }
    if (problem.row === null) {
      list.push({ path: files[problem.file] ?? problem.file, message: problem.message });
      continue;
    }
    const key = `${problem.file}\u0000${problem.column ?? ""}\u0000${problem.message}`;
    const group = grouped.get(key) ?? { file: problem.file, column: problem.column, message: problem.message, rows: [] };
    group.rows.push(problem.row);
    grouped.set(key, group);
  }
  for (const { file, column, message, rows } of grouped.values()) {
    const where =
      rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.slice(0, 10).join(", ")}${rows.length > 10 ? ", …" : ""} (${rows.length} rows)`;
    list.push({ path: `${files[file] ?? file} ${where}${column ? `, column "${column}"` : ""}`, message });
  }
  return listedProblems(list);
}

export function formatCsvProblems(
  problems: readonly (FileProblem | InputProblem)[],
  files: { patients: string; facilitators?: string },
): string[] {
  return csvProblemList(problems, files).map((p) => `${p.path}: ${p.message}`);
}
