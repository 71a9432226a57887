// `npm run attendance -- <clinic-id> <week-monday> <attendance.csv>`: who came to the sessions of the roster
// published for that week, from a spreadsheet with the columns Session ID, Patient ID and Status (present, late,
// absent, excused), one row per patient and session, as the sign-in sheets list them. Recorded in the service's
// database (DATABASE_URL, else PGlite in DATA_DIR) and logged as recorded by "cli"; next week's solve from the
// published roster (--previous published) counts the topics each patient attended as heard.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { AttendanceRequest, attendanceProblems, parseWith } from "../../domain/index.js";
import { AttendanceBook } from "../store/attendance.js";
import { RosterArchive } from "../store/rosters.js";
import { EXIT, ExitError, run, withDatabase } from "./common.js";

const USAGE = "usage: npm run attendance -- <clinic-id> <week-monday YYYY-MM-DD> <attendance.csv>";
const COLUMNS = { "session id": "sessionId", "patient id": "patientId", status: "status" } as const;

/** Problems by JSON path (marks.<i>.<field>) as the spreadsheet's rows and columns: the header is row 1. */
function atRows(problems: readonly { path: string; message: string }[]): string {
  const names = Object.fromEntries(Object.entries(COLUMNS).map(([header, field]) => [field, header]));
  return problems
    .slice(0, 50)
    .map((p) => {
      const [, i, field] = /^marks\[(\d+)\]\.?(\w*)/.exec(p.path) ?? [];
      return i === undefined ? `  - ${p.message}` : `  - row ${Number(i) + 2}${field ? ` (${names[field] ?? field})` : ""}: ${p.message}`;
    })
    .join("\n");
}

process.exitCode = await run(async () => {
  const [clinicId, week, file, ...rest] = process.argv.slice(2);
  if (!file || rest.length > 0) throw new ExitError(EXIT.badInput, USAGE);
  let rows: Record<string, string>[];
  try {
    rows = parse(await readFile(file, "utf8"), {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      columns: (header: string[]) => header.map((h) => COLUMNS[h.toLowerCase() as keyof typeof COLUMNS] ?? h),
    });
  } catch (error) {
    throw new ExitError(EXIT.badInput, `${file} could not be read as CSV (${(error as NodeJS.ErrnoException).code ?? "parse error"})`);
  }
  const parsed = parseWith(AttendanceRequest, {
    marks: rows.map((r) => ({ sessionId: r.sessionId, patientId: r.patientId, status: r.status?.toLowerCase() })),
  });
  if (!parsed.ok)
    throw new ExitError(EXIT.badInput, `${file} is not valid (columns: Session ID, Patient ID, Status):\n${atRows(parsed.problems)}`);
  const { marks } = parsed.value;
  return withDatabase(async (db) => {
    const found = await new RosterArchive(db).find(clinicId, `week:${week}`);
    if (!found) throw new ExitError(EXIT.badInput, `no roster of clinic ${clinicId} is published for the week of ${week}`);
    const problems = attendanceProblems(found.roster, marks);
    if (problems.length > 0) throw new ExitError(EXIT.badInput, `${file} does not match the published roster:\n${atRows(problems)}`);
    await new AttendanceBook(db).record("cli", found, marks);
    const count = (status: string) => marks.filter((m) => m.status === status).length;
    process.stdout.write(
      `recorded ${marks.length} marks for clinic ${clinicId}, week of ${week}: ${count("present")} present, ${count("late")} late, ${count("absent")} absent, ${count("excused")} excused\n`,
    );
    return EXIT.ok;
  });
});
