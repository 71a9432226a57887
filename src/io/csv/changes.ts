// This week's changes as a spreadsheet: one row per change, a Change column (admit, discharge, update, step-down)
// and the patients spreadsheet's columns. An admission is a whole patient row; an update replaces only the cells it
// fills; a discharge may give a Reason. Unlike a patients file, a bad row stops the whole file: a change left out
// silently (a discharge not made) would put the wrong patients in next week's roster.
import { type InputProblem, Label, Patient, PatientUpdate, WeekChanges, parseWith } from "../../domain/index.js";
import { type Column, readRows, text } from "./columns.js";
import { PATIENT_COLUMNS } from "./people.js";
import { readTable } from "./table.js";

const KINDS = ["admit", "discharge", "update", "step-down"] as const;

const CHANGE_COLUMNS: readonly Column[] = [
  {
    field: "change",
    headers: ["change", "action"],
    required: true,
    read: (cell, into) => {
      const kind = cell.toLowerCase().replace(/[\s_]+/g, "-");
      if (!(KINDS as readonly string[]).includes(kind)) return `expected one of ${KINDS.join(", ")}`;
      into.change = kind;
      return null;
    },
  },
  { field: "reason", headers: ["reason", "discharge reason"], read: text("reason") },
  // The patient columns, none required but the id: a discharge row has nothing else.
  ...PATIENT_COLUMNS.map((c) => ({ ...c, required: c.field === "id" })),
];

/** The spreadsheet row each change came from, per kind, in the changes' order. */
export type ChangeRows = Record<"admit" | "discharge" | "update" | "stepDown", number[]>;

/** Problems of the changes named by path (`discharge[1].patientId`) named by the spreadsheet row they came from instead. */
export function atChangeRows(problems: readonly InputProblem[], rows: ChangeRows): InputProblem[] {
  return problems.map((p) => {
    const [, kind, i, rest] = /^(admit|discharge|update|stepDown)\[(\d+)\]\.?(.*)$/.exec(p.path) ?? [];
    const row = kind === undefined ? undefined : rows[kind as keyof ChangeRows][Number(i)];
    return row === undefined
      ? p
      : { path: `row ${row}${rest && !["id", "patientId"].includes(rest) ? `, ${rest}` : ""}`, message: p.message };
  });
}

/** The changes and the row each came from, or the problems by row and column (header = row 1). */
export function changesFromCsv(csv: string): { ok: true; value: WeekChanges; rows: ChangeRows } | { ok: false; problems: InputProblem[] } {
  const read = readRows(readTable(csv), CHANGE_COLUMNS);
  const problems: InputProblem[] = read.problems.map((p) => ({
    path: p.row === null ? "changes" : `row ${p.row}${p.column ? `, column "${p.column}"` : ""}`,
    message: p.message,
  }));
  const changes = { admit: [] as unknown[], discharge: [] as unknown[], update: [] as unknown[], stepDown: [] as unknown[] };
  const rows: ChangeRows = { admit: [], discharge: [], update: [], stepDown: [] };
  for (const { row, value } of read.records) {
    const { change, reason, ...patient } = value as { change: string; reason?: string } & Record<string, unknown>;
    const at = (schema: typeof Patient | typeof PatientUpdate) => {
      const parsed = parseWith(schema, patient);
      if (!parsed.ok)
        for (const p of parsed.problems) {
          const header = read.headerOf.get(p.path);
          problems.push({ path: `row ${row}, ${header ? `column "${header}"` : `no "${p.path}" column`}`, message: p.message });
        }
      return parsed.ok ? parsed.value : null;
    };
    const kind = change === "step-down" ? "stepDown" : (change as keyof ChangeRows);
    rows[kind].push(row);
    if (change === "admit") changes.admit.push(at(Patient));
    else if (change === "update") changes.update.push(at(PatientUpdate));
    else if (change === "step-down") changes.stepDown.push(patient.id);
    else {
      const why = reason === undefined ? undefined : Label.safeParse(reason);
      if (why && !why.success) problems.push({ path: `row ${row}, column "reason"`, message: why.error.issues[0].message });
      changes.discharge.push({ patientId: patient.id, ...(reason === undefined ? {} : { reason }) });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const parsed = parseWith(WeekChanges, changes);
  return parsed.ok ? { ...parsed, rows } : { ok: false, problems: atChangeRows(parsed.problems, rows) };
}
