// \`npm run export -- <scenario.json | spreadsheet folder> <roster.json> --format …\`: an export of a roster file (a
// check's rebuilt roster, a solve's --out, today's admission booked), nothing solved. It loads no solver and no
// database, so it starts quickly. Exit codes: 0 written, 1 the validator refuses the roster, 2 invalid input, 4 written
// but spreadsheet rows of the scenario's folder were left out.
import { parseArgs } from "node:util";
import { z } from "zod";
import { validate } from "../../validator/index.js";
import { EXPORT_FORMATS, refusedByValidator } from "../export/index.js";
import { EXIT, ExitError, loadInput, loadRoster, mustBeOfWeek, run } from "./common.js";
import { writeExport, writeProblem } from "./write-export.js";

const USAGE = `usage:
  npm run export -- <scenario.json | spreadsheet folder> <roster.json> --format ${EXPORT_FORMATS.join("|")} [--for patient:ID|facilitator:ID|track:ID] [--out path]
    (ics without --for writes every calendar into the folder --out; xlsx, a workbook, is written to --out only)`;

/** An export of a roster file (a check's rebuilt roster, a solve's --out), nothing solved: the validator must pass it. */
async function exportCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string" }, for: { type: "string" }, out: { type: "string" } },
    });
  } catch (error) {
    throw new ExitError(EXIT.badInput, `${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = args;
  const [scenarioPath, rosterPath, ...extra] = positionals;
  const format = z.enum(EXPORT_FORMATS).safeParse(values.format);
  if (!scenarioPath || !rosterPath || extra.length > 0 || !format.success) throw new ExitError(EXIT.badInput, USAGE);
  const unfit = writeProblem(format.data, values.for, values.out);
  if (unfit) throw new ExitError(EXIT.badInput, unfit);
  const { scenario, leftOut } = await loadInput(scenarioPath);
  const roster = mustBeOfWeek(scenario, await loadRoster(rosterPath), rosterPath);
  const report = validate(scenario, roster);
  if (!report.valid)
    throw new ExitError(EXIT.violations, `${rosterPath}: ${refusedByValidator(report.violations.length, report.metricMismatches)}`);
  await writeExport(format.data, scenario, roster, values.for, values.out, leftOut);
  return leftOut.length > 0 ? EXIT.rowsLeftOut : EXIT.ok;
}

process.exitCode = await run(async () => {
  const argv = process.argv.slice(2);
  if (argv.some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  return exportCommand(argv);
});
