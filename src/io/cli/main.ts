// Command line: `roster <scenario.json>`, `validate <scenario.json> <roster.json>` and `check`.
// Exit codes: 0 roster produced / roster valid, 1 roster has violations, 2 invalid input, 3 nobody placed or internal
// error, 4 roster produced but spreadsheet rows left out.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type Scenario, SolveOptions, parseWith, withAttendance, withPrevious } from "../../domain/index.js";
import { AttendanceBook } from "../store/attendance.js";
import { RosterArchive } from "../store/rosters.js";
import { type Progress, solve } from "../../solver/solve.js";
import { solveProved } from "../bound/solve-proved.js";
import { validate } from "../../validator/index.js";
import { formatProblems } from "../read-json.js";
import { EXPORT_FORMATS } from "../export/index.js";
import { writeExport, writeProblem } from "./write-export.js";
import { checkEdit, describeCheck } from "../../app/check-edit.js";
import { EXIT, ExitError, loadFromCsv, loadInput, loadRoster, mustBeOfWeek, withArchive, withDatabase } from "./common.js";
import { formatRoster } from "./table.js";

const USAGE = `usage:
  npm run roster -- <scenario.json | spreadsheet folder> | --clinic clinic.json --patients patients.csv [--facilitators facilitators.csv] [--columns columns.json]
                    [--format table|json|csv|groups-csv|ics|html|sign-in|drug-tests|xlsx] [--for patient:ID|facilitator:ID|track:ID] [--members] [--out path] [--previous last-week-roster.json|published] [--publish] [--time-limit 10s] [--seed N] [--iterations N] [--weight term=value ...] [--prove]
  npm run validate -- <scenario.json> <roster.json>
  npm run check -- <scenario.json> <edited-roster.json> [--against roster.json] [--out rebuilt.json]`;

const Duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m)?$/, { error: "expected a duration such as 500ms, 10s or 2m" })
  .transform((text) => {
    const value = parseFloat(text);
    if (text.endsWith("ms")) return Math.round(value);
    return Math.round(value * (text.endsWith("m") ? 60_000 : 1000));
  });

const RosterArgs = z.strictObject({
  scenario: z.string({ error: "expected the path of a scenario JSON file, or --clinic and --patients" }),
  out: z.string().optional(),
  format: z.enum(["table", "json", ...EXPORT_FORMATS]).default("table"),
  timeLimitMs: Duration.default(10_000),
  seed: z.coerce.number().int().min(0).default(1),
  maxIterations: z.coerce.number().int().min(0).optional(),
  weights: z.record(z.string(), z.coerce.number()).optional(),
});

async function rosterCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      format: { type: "string" },
      for: { type: "string" },
      members: { type: "boolean" },
      "time-limit": { type: "string" },
      seed: { type: "string" },
      iterations: { type: "string" },
      weight: { type: "string", multiple: true },
      prove: { type: "boolean" },
      clinic: { type: "string" },
      patients: { type: "string" },
      facilitators: { type: "string" },
      columns: { type: "string" },
      previous: { type: "string" },
      publish: { type: "boolean" },
    },
  });
  const fromCsv = values.clinic !== undefined || values.patients !== undefined;
  if (fromCsv && (!values.clinic || !values.patients || positionals.length > 0)) {
    throw new ExitError(EXIT.badInput, `--clinic and --patients go together, instead of a scenario file\n${USAGE}`);
  }
  const args = parseWith(RosterArgs, {
    scenario: fromCsv ? values.clinic : positionals[0],
    out: values.out,
    format: values.format,
    timeLimitMs: values["time-limit"],
    seed: values.seed,
    maxIterations: values.iterations,
    weights: values.weight ? Object.fromEntries(values.weight.map((w) => w.split("=", 2))) : undefined,
  });
  if (!args.ok) throw new ExitError(EXIT.badInput, `${formatProblems("arguments", args.problems)}\n${USAGE}`);
  const { scenario: path, out, format, timeLimitMs, seed, maxIterations, weights } = args.value;
  // An export that cannot be made is said before the solve, not after it.
  if ((format === "table" || format === "json") && values.for !== undefined) {
    throw new ExitError(EXIT.badInput, "--for picks whose calendar or sign-in sheets: use it with --format ics or sign-in");
  }
  const unfit = format === "table" || format === "json" ? null : writeProblem(format, values.for, out);
  if (unfit) throw new ExitError(EXIT.badInput, unfit);
  const { scenario: week, leftOut } = fromCsv
    ? await loadFromCsv({ clinic: path, patients: values.patients!, facilitators: values.facilitators, columns: values.columns })
    : await loadInput(path);
  // Last week's roster: returning patients keep their group time and lead where the rules allow (cohort-change).
  const scenario = values.previous ? await fromPrevious(values.previous, week) : week;
  const parsedOptions = parseWith(SolveOptions, { seed, timeLimitMs, maxIterations, weights });
  if (!parsedOptions.ok) throw new ExitError(EXIT.badInput, `${formatProblems("options", parsedOptions.problems)}\n${USAGE}`);
  const options = parsedOptions.value;
  const hooks = {
    onProgress: (p: Progress) => {
      if (p.elapsedMs >= 1000)
        process.stderr.write(
          `solving… ${(p.elapsedMs / 1000).toFixed(1)} s, ${p.iterations} iterations, best objective ${Math.round(p.bestObjective)}\n`,
        );
    },
  };
  const roster = values.prove ? await solveProved(scenario, options, hooks) : solve(scenario, options, hooks);
  const report = validate(scenario, roster);
  if (!report.valid) {
    throw new ExitError(
      EXIT.failed,
      `internal error: the roster failed independent validation (${report.violations.length} violations, metrics differing: ${report.metricMismatches.join(", ") || "none"})`,
    );
  }
  if (values.publish) {
    const published = await withArchive((archive) => archive.publish("cli", scenario, roster));
    process.stderr.write(`published as the roster in force for the week of ${published.weekStart} (${published.id})\n`);
    const { attendance } = published;
    if (attendance)
      process.stderr.write(
        `attendance recorded for the week before: ${attendance.carried} marks carried to this publication${attendance.dropped > 0 ? `, ${attendance.dropped} dropped (the patient is no longer booked in that session)` : ""}\n`,
      );
  }

  if (format === "table" || format === "json") {
    // --out keeps the roster JSON beside the table, to validate, edit or export later.
    if (out) await writeFile(out, `${JSON.stringify(roster, null, 2)}\n`);
    process.stdout.write(
      `${format === "json" ? JSON.stringify(roster, null, 2) : formatRoster(scenario, roster, { members: values.members })}\n`,
    );
  } else {
    await writeExport(format, scenario, roster, values.for, out, leftOut);
  }
  if (scenario.patients.length > 0 && roster.solver.status === "no-placement") return EXIT.failed;
  return leftOut.length > 0 ? EXIT.rowsLeftOut : EXIT.ok;
}

/**
 * --previous: a roster file, or "published": the clinic's newest roster published for an earlier week, with the
 * topics each patient attended there (where attendance was recorded) added to what they have heard.
 */
async function fromPrevious(previous: string, week: Scenario): Promise<Scenario> {
  if (previous !== "published") return withPrevious(week, await loadRoster(previous));
  const { id, weekStart } = week.clinic;
  const found = await withDatabase(async (db) => {
    const published = await new RosterArchive(db).get("cli", id, `before:${weekStart}`);
    return published && { roster: published.roster, marks: await new AttendanceBook(db).marks(published.id) };
  });
  if (!found)
    throw new ExitError(
      EXIT.badInput,
      `no roster of clinic ${id} was published for a week before ${weekStart} (publish one with --publish)`,
    );
  return withPrevious(withAttendance(week, found.roster, found.marks), found.roster);
}

/** A hand-edited roster: its bookkeeping rebuilt, real rule breaks only, and better or worse than the original. */
async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { against: { type: "string" }, out: { type: "string" } },
  });
  const [scenarioPath, editedPath] = positionals;
  if (!scenarioPath || !editedPath) throw new ExitError(EXIT.badInput, USAGE);
  const { scenario } = await loadInput(scenarioPath);
  const edited = mustBeOfWeek(scenario, await loadRoster(editedPath), editedPath);
  const against = values.against ? mustBeOfWeek(scenario, await loadRoster(values.against), values.against) : undefined;
  const result = checkEdit(scenario, edited, against);
  process.stdout.write(`${describeCheck(result).join("\n")}\n`);
  if (!result.ok) return EXIT.badInput;
  if (values.out) await writeFile(values.out, `${JSON.stringify(result.roster, null, 2)}\n`);
  return result.valid ? EXIT.ok : EXIT.violations;
}

async function validateCommand(argv: string[]): Promise<number> {
  const [scenarioPath, rosterPath] = argv;
  if (!scenarioPath || !rosterPath) throw new ExitError(EXIT.badInput, USAGE);
  const { scenario } = await loadInput(scenarioPath);
  const report = validate(scenario, await loadRoster(rosterPath));
  const lines = report.violations.map(
    (v) => `  [${v.rule}] ${[v.sessionId, v.patientId].filter(Boolean).join(" ")}${v.sessionId || v.patientId ? ": " : ""}${v.message}`,
  );
  for (const name of report.metricMismatches) lines.push(`  [metrics] reported ${name} differs from the recomputed value`);
  const m = report.metrics;
  process.stdout.write(
    `${lines.length === 0 ? "No violations." : `${lines.length} violation${lines.length > 1 ? "s" : ""}:\n${lines.join("\n")}`}\n` +
      `Recomputed: ${m.patientsFullyServed}/${m.patients} patients fully served, ${m.totalUnmetHours} unmet hours, ${m.groupsOpened} groups, ${m.topicRepeats} topic repeats.\n`,
  );
  return report.valid ? EXIT.ok : EXIT.violations;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (argv.some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  try {
    if (command === "roster") return await rosterCommand(rest);
    if (command === "validate") return await validateCommand(rest);
    if (command === "check") return await checkCommand(rest);
    throw new ExitError(EXIT.badInput, USAGE);
  } catch (error) {
    if (error instanceof ExitError) {
      process.stderr.write(`${error.message}\n`);
      return error.code;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return EXIT.badInput;
    }
    // Internal errors print their kind and stack frames only: the message could quote scenario data.
    process.stderr.write(
      `internal error (${(error as Error).name})\n${((error as Error).stack ?? "").split("\n").slice(1, 6).join("\n")}\n`,
    );
    return EXIT.failed;
  }
}

process.exitCode = await main(process.argv.slice(2));
