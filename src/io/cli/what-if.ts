// `npm run what-if -- <scenario.json>`: which one change recovers the most unmet hours, found by re-solving.
import { parseArgs } from "node:util";
import { describeWhatIf, whatIf } from "../../app/what-if.js";
import { CSV_OPTIONS, EXIT, ExitError, run, scenarioFromArgs, solveOptionsOf } from "./common.js";

const USAGE =
  "usage: npm run what-if -- <scenario.json | spreadsheet folder> | --clinic clinic.json --patients p.csv [--facilitators f.csv] [--seed N] [--iterations N] [--groups N]";

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: "string" }, iterations: { type: "string" }, groups: { type: "string" }, ...CSV_OPTIONS },
  });
  if (positionals.length > 1) throw new ExitError(EXIT.badInput, USAGE);
  const options = solveOptionsOf(values, USAGE);
  const scenario = await scenarioFromArgs(values, positionals[0], USAGE);
  const report = whatIf(scenario, options, values.groups ? Number(values.groups) : undefined);
  process.stdout.write(`${describeWhatIf(report).join("\n")}\n`);
  return EXIT.ok;
});
