// `npm run attendance -- <clinic-id> <week-monday> <attendance.csv>`: who came to the sessions of the roster
// published for that week, from a spreadsheet with the columns Session ID, Patient ID and Status (present, late,
// absent, excused), one row per patient and session, as the sign-in sheets list them. Recorded in the service's
// database (DATABASE_URL, else PGlite in DATA_DIR) and logged as recorded by "cli"; next week's solve from the
// published roster (--previous published) counts the topics each patient attended as heard.
import { readFile } from "node:fs/promises";
import { DateTime } from "luxon";
import {
  type AttendanceMark,
  type InputProblem,
  AttendanceRequest,
  attendanceProblems,
  parseWith,
  placesMarked,
} from "../../domain/index.js";
import { type Column, readRows, text } from "../csv/columns.js";
import { readTable } from "../csv/table.js";
import { formatProblems } from "../read-json.js";
import { AttendanceBook } from "../store/attendance.js";
import { RosterArchive } from "../store/rosters.js";
import { EXIT, ExitError, run, withDatabase } from "./common.js";

const USAGE = "usage: npm run attendance -- <clinic-id> <week-monday YYYY-MM-DD> <attendance.csv>";

/** The sign-in sheet's columns, by the names sheets give them; a status is read whatever its case. */
const COLUMNS: readonly Column[] = [
  { field: "sessionId", headers: ["session id", "session"], required: true, read: text("sessionId") },
  { field: "patientId", headers: ["patient id", "patient", "client id", "id"], required: true, read: text("patientId") },
  {
    field: "status",
    headers: ["status", "attendance", "attended"],
    required: true,
    read: (cell, into) => {
      into.status = cell.toLowerCase();
      return null;
    },
  },
];

/** Where a problem is: "row 3, column \"Status\"" (header = row 1), or the file as a whole. */
type Where = (row: number | null, header?: string) => string;
const where: Where = (row, header) => (row === null ? "the file" : `row ${row}${header ? `, column "${header}"` : ""}`);

/** The spreadsheet as marks, with the row each came from, or its problems by row and column. */
function marksOf(csv: string): { marks: AttendanceMark[]; rowOf: (i: number) => number } | { problems: InputProblem[] } {
  const read = readRows(readTable(csv), COLUMNS);
  if (read.problems.length > 0) return { problems: read.problems.map((p) => ({ path: where(p.row, p.column), message: p.message })) };
  const parsed = parseWith(AttendanceRequest, { marks: read.records.map((r) => r.value) });
  const rowOf = (i: number) => read.records[i].row;
  if (parsed.ok) return { marks: parsed.value.marks, rowOf };
  return { problems: atRows(parsed.problems, rowOf, (field) => read.headerOf.get(field)) };
}

/** Problems by JSON path (marks[i].field) as the spreadsheet's rows and, where known, columns. */
function atRows(problems: readonly InputProblem[], rowOf: (i: number) => number, headerOf: (field: string) => string | undefined) {
  return problems.map((p) => {
    const [, i, field] = /^marks\[(\d+)\]\.?(\w*)/.exec(p.path) ?? [];
    return i === undefined ? p : { path: where(rowOf(Number(i)), field ? headerOf(field) : undefined), message: p.message };
  });
}

process.exitCode = await run(async () => {
  const [clinicId, week, file, ...rest] = process.argv.slice(2);
  if (!file || rest.length > 0) throw new ExitError(EXIT.badInput, USAGE);
  const monday = DateTime.fromISO(week);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(week) || !monday.isValid)
    throw new ExitError(EXIT.badInput, `expected the week's Monday as YYYY-MM-DD (2026-12-14), not "${week}"\n${USAGE}`);
  if (monday.weekday !== 1)
    throw new ExitError(
      EXIT.badInput,
      `${week} is a ${monday.toFormat("cccc")}: a week is named by its Monday (${monday.startOf("week").toISODate()})`,
    );
  let csv: string;
  try {
    csv = await readFile(file, "utf8");
  } catch (error) {
    throw new ExitError(EXIT.badInput, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  const read = marksOf(csv);
  if ("problems" in read)
    throw new ExitError(EXIT.badInput, formatProblems(`${file} (columns: Session ID, Patient ID, Status)`, read.problems));
  const { marks, rowOf } = read;
  return withDatabase(async (db) => {
    const found = await new RosterArchive(db).find(clinicId, `week:${week}`);
    if (!found) throw new ExitError(EXIT.badInput, `no roster of clinic ${clinicId} is published for the week of ${week}`);
    const problems = attendanceProblems(found.roster, marks);
    if (problems.length > 0)
      throw new ExitError(
        EXIT.badInput,
        formatProblems(
          `${file} does not match the roster published for ${week}`,
          atRows(problems, rowOf, () => undefined),
        ),
      );
    const book = new AttendanceBook(db);
    const before = new Set((await book.marks(found.id)).map((m) => `${m.sessionId} ${m.patientId}`));
    await book.record("cli", found, marks);
    const count = (status: string) => marks.filter((m) => m.status === status).length;
    const replaced = marks.filter((m) => before.has(`${m.sessionId} ${m.patientId}`)).length;
    const { places, unmarked } = placesMarked(found.roster, await book.marks(found.id));
    const marked = places - unmarked;
    process.stdout.write(
      `recorded ${marks.length} marks for clinic ${clinicId}, week of ${week}: ${count("present")} present, ${count("late")} late, ${count("absent")} absent, ${count("excused")} excused\n`,
    );
    process.stderr.write(
      `${replaced > 0 ? `${replaced} of them replaced marks recorded before; ` : ""}${marked} of the week's ${places} booked places now have a mark${marked < places ? " (the others count as not attended)" : ""}\n`,
    );
    return EXIT.ok;
  });
});
