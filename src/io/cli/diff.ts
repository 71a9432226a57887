// `npm run diff -- <roster-a.json> <roster-b.json> [--scenario-a a.json --scenario-b b.json] [--json]`: who moved
// from which groups to which and why, who was admitted or discharged, which groups opened or closed, whose lead
// changed. The scenarios (JSON or spreadsheet folders) give the reasons: windows or level changed, or neither.
import { parseArgs } from "node:util";
import { describeDiff, diffProblems, diffRosters } from "../../app/diff.js";
import { formatProblems } from "../read-json.js";
import { EXIT, ExitError, loadInput, loadRoster, run } from "./common.js";

const USAGE = "usage: npm run diff -- <roster-a.json> <roster-b.json> [--scenario-a <a> --scenario-b <b>] [--json]";

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "scenario-a": { type: "string" }, "scenario-b": { type: "string" }, json: { type: "boolean" } },
  });
  if (positionals.length !== 2 || (values["scenario-a"] === undefined) !== (values["scenario-b"] === undefined))
    throw new ExitError(EXIT.badInput, USAGE);
  const week = async (roster: string, scenario: string | undefined) => ({
    roster: await loadRoster(roster),
    scenario: scenario ? (await loadInput(scenario)).scenario : undefined,
  });
  const [from, to] = [await week(positionals[0], values["scenario-a"]), await week(positionals[1], values["scenario-b"])];
  const problems = diffProblems(from, to);
  if (problems.length > 0) throw new ExitError(EXIT.badInput, formatProblems(positionals.join(" and "), problems));
  const diff = diffRosters(from, to);
  process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${describeDiff(diff).join("\n")}\n`);
  return EXIT.ok;
});
