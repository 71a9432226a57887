// `npm run week -- next <clinic-id> [--changes changes.csv|changes.json] [--out next-week.json]`: next week's scenario
// from the clinic's record: the newest published week and its attendance closed into each stay, the open stays
// carried (level, windows, therapist, topics heard, make-ups), this week's changes applied. Solve it with
// `npm run roster -- next-week.json --previous published`, publish, record attendance, and run it again.
// `npm run week -- stays <clinic-id>`: the record, one line per stay. Both on the service's database (DATABASE_URL,
// else PGlite in DATA_DIR), logged as "cli".
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type StayRecord, WeekChanges, programOf, staySummary } from "../../domain/index.js";
import { type ChangeRows, atChangeRows, changesFromCsv } from "../csv/changes.js";
import { formatProblems } from "../read-json.js";
import { describeNextWeek } from "../../app/next-week.js";
import { makeNextWeek } from "../store/next-week.js";
import { RosterArchive } from "../store/rosters.js";
import { StayBook } from "../store/stays.js";
import { EXIT, ExitError, loadJson, run, withDatabase } from "./common.js";

const USAGE = `usage: npm run week -- next <clinic-id> [--changes changes.csv|changes.json] [--out next-week.json]
       npm run week -- stays <clinic-id>`;

/** The changes file, JSON or a spreadsheet; for a spreadsheet, the row each change came from. */
async function changesOf(path: string | undefined): Promise<{ changes?: WeekChanges; rows?: ChangeRows }> {
  if (path === undefined) return {};
  if (path.toLowerCase().endsWith(".json")) return { changes: await loadJson(WeekChanges, path, "changes") };
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ExitError(EXIT.badInput, `cannot read the changes ${path} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  const read = changesFromCsv(text);
  if (!read.ok) throw new ExitError(EXIT.badInput, formatProblems(`changes ${path}`, read.problems));
  return { changes: read.value, rows: read.rows };
}

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { changes: { type: "string" }, out: { type: "string" } },
  });
  const [command, clinicId, ...rest] = positionals;
  if (!clinicId || rest.length > 0 || !["next", "stays"].includes(command)) throw new ExitError(EXIT.badInput, USAGE);
  if (command === "stays") return withDatabase((db) => printStays(db, clinicId));
  const { changes, rows } = await changesOf(values.changes);
  return withDatabase(async (db) => {
    const made = await makeNextWeek(db, "cli", clinicId, changes);
    if ("unpublished" in made) throw new ExitError(EXIT.badInput, `no roster of clinic ${clinicId} is published: publish a week first`);
    if (!made.ok) {
      const problems = rows ? atChangeRows(made.problems, rows) : made.problems;
      throw new ExitError(
        EXIT.badInput,
        formatProblems(values.changes ?? `the week after clinic ${clinicId}'s newest published week`, problems),
      );
    }
    const json = `${JSON.stringify(made.scenario, null, 2)}\n`;
    if (values.out) await writeFile(values.out, json);
    else process.stdout.write(json);
    const lines = describeNextWeek(made.report);
    process.stderr.write(`${lines.join("\n")}\n${values.out ? `written to ${values.out}\n` : ""}`);
    return EXIT.ok;
  });
});

async function printStays(db: Parameters<Parameters<typeof withDatabase>[0]>[0], clinicId: string): Promise<number> {
  const last = await new RosterArchive(db).find(clinicId, "latest");
  if (!last) throw new ExitError(EXIT.badInput, `no roster of clinic ${clinicId} is published: publish a week first`);
  const stays: Map<string, StayRecord> = await new StayBook(db).read("cli", clinicId);
  if (stays.size === 0) process.stdout.write(`clinic ${clinicId} has no stays on record yet: run npm run week -- next ${clinicId}\n`);
  else
    process.stdout.write(
      `stays of clinic ${clinicId}: the weeks closed into the record (a week is closed when the week after it is made)\n`,
    );
  const program = programOf(last.scenario);
  for (const stay of stays.values()) {
    const s = staySummary(stay, program);
    process.stdout.write(
      `${s.patientId.padEnd(10)} ${s.level.padEnd(11)} ${String(s.weeks).padStart(2)} wk  groups ${s.groups.attended}/${s.groups.booked}  core ${s.coreHeard}/${s.coreTotal}  therapist ${s.therapistId ?? "-"}${s.discharged ? `  discharged ${s.discharged.date} (${s.discharged.reason})` : ""}\n`,
    );
  }
  return EXIT.ok;
}
