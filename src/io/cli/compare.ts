// `npm run compare -- a.json b.json`: two scenarios (this week and a what-if: a room more, a group time moved)
// solved with the same seed and budget, side by side, and who is served differently.
import { parseArgs } from "node:util";
import { solve } from "../../solver/solve.js";
import { compareRosters } from "../compare.js";
import { EXIT, ExitError, loadScenario, run, solveOptionsOf } from "./common.js";

const USAGE = "usage: npm run compare -- <a.json> <b.json> [--seed N] [--iterations N]";

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: "string" }, iterations: { type: "string" } },
  });
  if (positionals.length !== 2) throw new ExitError(EXIT.badInput, USAGE);
  const options = solveOptionsOf(values, USAGE);
  const [a, b] = (await Promise.all(positionals.map(loadScenario))).map((s) => solve(s, options));
  process.stdout.write(`${compareRosters(a, b, [positionals[0], positionals[1]]).join("\n")}\n\n${a.notice}\n`);
  return EXIT.ok;
});
