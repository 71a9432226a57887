// `npm run what-if -- <scenario.json>`: which one change recovers the most unmet hours, found by re-solving.
import { parseArgs } from "node:util";
import { describeWhatIf, whatIf } from "../what-if.js";
import { EXIT, ExitError, loadScenario, run, solveOptionsOf } from "./common.js";

const USAGE = "usage: npm run what-if -- <scenario.json> [--seed N] [--iterations N] [--groups N]";

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: "string" }, iterations: { type: "string" }, groups: { type: "string" } },
  });
  if (positionals.length !== 1) throw new ExitError(EXIT.badInput, USAGE);
  const options = solveOptionsOf(values, USAGE);
  const report = whatIf(await loadScenario(positionals[0]), options, values.groups ? Number(values.groups) : undefined);
  process.stdout.write(`${describeWhatIf(report).join("\n")}\n`);
  return EXIT.ok;
});
