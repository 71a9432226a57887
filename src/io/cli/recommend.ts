// `npm run recommend -- <scenario> <roster.json|published> --patient new-patient.json [--json]`: the groups of the
// week's roster a new patient can join now, ranked, and a set to book, without re-solving anyone else.
import { parseArgs } from "node:util";
import { Patient, type Roster, type Scenario } from "../../domain/index.js";
import { formatProblems } from "../read-json.js";
import { describeRecommendation, newPatientProblems, recommend } from "../../app/recommend.js";
import { EXIT, ExitError, loadInput, loadJson, loadRoster, mustBeOfWeek, run, withArchive } from "./common.js";

const USAGE = "usage: npm run recommend -- <scenario.json | folder> <roster.json | published> --patient new-patient.json [--json]";

async function rosterOf(which: string, scenario: Scenario): Promise<Roster> {
  if (which !== "published") return loadRoster(which);
  const { id, weekStart } = scenario.clinic;
  const found = await withArchive((archive) => archive.get("cli", id, `week:${weekStart}`));
  if (!found)
    throw new ExitError(
      EXIT.badInput,
      `no roster of clinic ${id} is published for the week of ${weekStart} (npm run roster -- … --publish)`,
    );
  return found.roster;
}

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { patient: { type: "string" }, json: { type: "boolean" } },
  });
  if (positionals.length !== 2 || !values.patient) throw new ExitError(EXIT.badInput, USAGE);
  const { scenario } = await loadInput(positionals[0]);
  const roster = mustBeOfWeek(scenario, await rosterOf(positionals[1], scenario), positionals[1]);
  const patient = await loadJson(Patient, values.patient, "patient");
  const problems = newPatientProblems(scenario, patient);
  if (problems.length > 0) throw new ExitError(EXIT.badInput, formatProblems(values.patient, problems));
  const result = recommend({ scenario, roster, patient });
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${describeRecommendation(result).join("\n")}\n${roster.notice}\n`,
  );
  return EXIT.ok;
});
