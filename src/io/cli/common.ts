// What every command line shares: exit codes, an error that carries one, reading a scenario, the solve options.
import { access, readFile, stat } from "node:fs/promises";
import type { z } from "zod";
import { join } from "node:path";
import { Roster, Scenario, SolveOptions, parseWith, rosterWeekProblems } from "../../domain/index.js";
import { CsvSources, formatCsvProblems, scenarioFromCsv } from "../csv/scenario-from-csv.js";
import { formatProblems, readJson } from "../read-json.js";
import type { Db } from "../store/db.js";
import type { RosterArchive } from "../store/rosters.js";

/** `rowsLeftOut`: the roster or export was made, but spreadsheet rows the coordinator gave were left out of it. */
export const EXIT = { ok: 0, violations: 1, badInput: 2, failed: 3, rowsLeftOut: 4 } as const;

export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON file read against its schema: the problems, by path, are the exit message. */
export async function loadJson<T>(schema: z.ZodType<T>, path: string, what: string): Promise<T> {
  const raw = await readJson(path);
  if (!raw.ok) throw new ExitError(EXIT.badInput, formatProblems(what, raw.problems));
  const parsed = parseWith(schema, raw.value);
  if (!parsed.ok) throw new ExitError(EXIT.badInput, formatProblems(`${what} ${path}`, parsed.problems));
  return parsed.value;
}

export function loadScenario(path: string): Promise<Scenario> {
  return loadJson(Scenario, path, "scenario");
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new ExitError(EXIT.badInput, `cannot read the ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** The clinic JSON and the spreadsheets: bad rows are listed and left out, the good ones solved. */
export async function loadFromCsv(paths: {
  clinic: string;
  patients: string;
  facilitators?: string;
  columns?: string;
}): Promise<{ scenario: Scenario; leftOut: string[] }> {
  const clinic = await readJson(paths.clinic);
  if (!clinic.ok) throw new ExitError(EXIT.badInput, formatProblems("clinic", clinic.problems));
  const columns = paths.columns ? await readJson(paths.columns) : { ok: true as const, value: undefined };
  if (!columns.ok) throw new ExitError(EXIT.badInput, formatProblems("column mapping", columns.problems));
  const sources = parseWith(CsvSources, {
    clinic: clinic.value,
    patientsCsv: await readText(paths.patients, "patients CSV"),
    facilitatorsCsv: paths.facilitators ? await readText(paths.facilitators, "facilitators CSV") : undefined,
    columns: columns.value,
  });
  if (!sources.ok)
    throw new ExitError(EXIT.badInput, formatProblems(`${paths.clinic} or ${paths.columns ?? "the column mapping"}`, sources.problems));
  const result = scenarioFromCsv(sources.value);
  const files = { patients: paths.patients, facilitators: paths.facilitators };
  const lines = formatCsvProblems(result.problems, files).map((l) => `  - ${l}`);
  if (!result.scenario)
    throw new ExitError(EXIT.badInput, [`cannot build the week from ${paths.clinic} and the CSV:`, ...lines].join("\n"));
  const summary = [
    `read ${count(result.read.patients, "patient")} from ${paths.patients}${paths.facilitators ? ` and ${count(result.read.facilitators, "facilitator")} from ${paths.facilitators}` : ""}`,
  ];
  if (lines.length > 0) summary.push(`rows left out (fix them and run again):`, ...lines);
  for (const [file, ignored] of Object.entries(result.ignoredColumns)) {
    if (ignored.length > 0) summary.push(`columns not read in the ${file} file: ${ignored.join(", ")}`);
  }
  process.stderr.write(`${summary.join("\n")}\n`);
  return { scenario: result.scenario, leftOut: formatCsvProblems(result.problems, files) };
}

/** The files a clinic kept as spreadsheets holds in its folder (as `scenarios/ohio-60/`); the last two are optional. */
export const FOLDER_FILES = { clinic: "clinic.json", patients: "patients.csv", facilitators: "facilitators.csv", columns: "columns.json" };

/** A scenario JSON file, or a folder of spreadsheets holding FOLDER_FILES. */
export async function loadInput(path: string): Promise<{ scenario: Scenario; leftOut: string[] }> {
  const folder = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!folder) return { scenario: await loadScenario(path), leftOut: [] };
  const present = async (file: string) => {
    const full = join(path, file);
    return (await access(full).then(
      () => true,
      () => false,
    ))
      ? full
      : undefined;
  };
  return loadFromCsv({
    clinic: join(path, FOLDER_FILES.clinic),
    patients: join(path, FOLDER_FILES.patients),
    facilitators: await present(FOLDER_FILES.facilitators),
    columns: await present(FOLDER_FILES.columns),
  });
}

/** --seed and --iterations as solve options; the same seed and budget make every solve of a comparison alike. */
export function solveOptionsOf(values: { seed?: string; iterations?: string }, usage: string): SolveOptions {
  const options = parseWith(SolveOptions, {
    seed: values.seed ? Number(values.seed) : 1,
    maxIterations: values.iterations ? Number(values.iterations) : undefined,
  });
  if (!options.ok) throw new ExitError(EXIT.badInput, `${formatProblems("options", options.problems)}\n${usage}`);
  return options.value;
}

/** Runs a command: its exit code, or an ExitError's message on stderr and its code. */
export async function run(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return error.code;
  }
}

/** A scenario from `<scenario.json>` or a spreadsheet folder, or from `--clinic clinic.json --patients p.csv [--facilitators f.csv] [--columns m.json]`. */
export async function scenarioFromArgs(
  values: { clinic?: string; patients?: string; facilitators?: string; columns?: string },
  path: string | undefined,
  usage: string,
): Promise<Scenario> {
  if (values.clinic === undefined && values.patients === undefined) {
    if (!path) throw new ExitError(EXIT.badInput, usage);
    return (await loadInput(path)).scenario;
  }
  if (!values.clinic || !values.patients || path)
    throw new ExitError(EXIT.badInput, `--clinic and --patients go together, instead of a scenario file\n${usage}`);
  return (
    await loadFromCsv({ clinic: values.clinic, patients: values.patients, facilitators: values.facilitators, columns: values.columns })
  ).scenario;
}

export const CSV_OPTIONS = {
  clinic: { type: "string" },
  patients: { type: "string" },
  facilitators: { type: "string" },
  columns: { type: "string" },
} as const;

/** A roster JSON file, checked against the schema. */
export function loadRoster(path: string): Promise<Roster> {
  return loadJson(Roster, path, "roster");
}

/** A roster file (or the published week) that must be of the scenario's clinic and week: exit 2 naming both if not. */
export function mustBeOfWeek(scenario: Scenario, roster: Roster, file: string): Roster {
  const problems = rosterWeekProblems(scenario, roster, "roster");
  if (problems.length > 0) throw new ExitError(EXIT.badInput, formatProblems(file, problems));
  return roster;
}

/**
 * Runs `work` on the published rosters of the database the service uses: DATABASE_URL, else PGlite in DATA_DIR
 * (data/pglite). A folder a running server holds is refused with the process that holds it.
 */
export async function withArchive<T>(work: (archive: RosterArchive) => Promise<T>): Promise<T> {
  const { RosterArchive } = await import("../store/rosters.js");
  return withDatabase((db) => work(new RosterArchive(db)));
}

/** Runs `work` on the service's database, migrated, as withArchive does. */
export async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  // The database's drivers load only for a command that uses them: an export or a check starts without them.
  const [{ DataDirInUse, openDb }, { migrate }] = await Promise.all([import("../store/db.js"), import("../store/migrations.js")]);
  let db;
  try {
    db = await openDb({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? "data/pglite" });
  } catch (error) {
    throw new ExitError(EXIT.failed, error instanceof DataDirInUse ? error.message : `cannot open the database (${(error as Error).name})`);
  }
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}
