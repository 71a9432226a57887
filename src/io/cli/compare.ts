// `npm run compare -- a b`: two scenarios (JSON files or spreadsheet folders) (this week and a what-if: a room more, a group time moved)
// solved with the same seed and budget, side by side, and who is served differently.
import { parseArgs } from "node:util";
import { solve } from "../../solver/solve.js";
import { compareRosters } from "../../app/compare.js";
import { EXIT, ExitError, loadInput, run, solveOptionsOf } from "./common.js";

const USAGE =
  "usage: npm run compare -- <a> <b> [--seed N] [--iterations N]   (each a scenario JSON or a folder of spreadsheets: clinic.json, patients.csv, facilitators.csv)";

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: "string" }, iterations: { type: "string" } },
  });
  if (positionals.length !== 2) throw new ExitError(EXIT.badInput, USAGE);
  const options = solveOptionsOf(values, USAGE);
  const [a, b] = (await Promise.all(positionals.map(loadInput))).map(({ scenario }) => solve(scenario, options));
  process.stdout.write(`${compareRosters(a, b, [positionals[0], positionals[1]]).join("\n")}\n\n${a.notice}\n`);
  return EXIT.ok;
});
