// The cases of the staffing bench: the shipped samples and every staffing-bound shape at growing census.
import { readFileSync } from "node:fs";
import { Scenario } from "../src/domain/index.js";
import { CsvSources, scenarioFromCsv } from "../src/io/csv/scenario-from-csv.js";
import { STAFFING_SHAPE_KEYS, generateScenario } from "../src/generator/generate.js";

export interface StaffingCase {
  readonly name: string;
  readonly patients: number;
  readonly load: () => Scenario;
}

const sample = (file: string, patients: number): StaffingCase => ({
  name: file,
  patients,
  load: () => Scenario.parse(JSON.parse(readFileSync(new URL(`../scenarios/${file}.json`, import.meta.url), "utf8"))),
});

/** A sample kept as spreadsheets, read the way the CLI reads it; a row it cannot read fails the bench. */
const spreadsheetSample = (folder: string, patients: number): StaffingCase => ({
  name: folder,
  patients,
  load: () => {
    const text = (file: string) => readFileSync(new URL(`../scenarios/${folder}/${file}`, import.meta.url), "utf8");
    const read = scenarioFromCsv(
      CsvSources.parse({
        clinic: JSON.parse(text("clinic.json")),
        patientsCsv: text("patients.csv"),
        facilitatorsCsv: text("facilitators.csv"),
      }),
    );
    if (!read.scenario || read.problems.length > 0) throw new Error(`${folder}: the spreadsheets do not read cleanly`);
    return read.scenario;
  },
});

export const STAFFING_SIZES = [30, 120, 500] as const;

export const STAFFING_CASES: readonly StaffingCase[] = [
  sample("rural-25", 25),
  spreadsheetSample("ohio-60", 60),
  sample("suburban-120", 120),
  sample("urban-400", 400),
  ...STAFFING_SHAPE_KEYS.flatMap((shape) =>
    STAFFING_SIZES.map((patients) => ({
      name: `${shape}-${patients}`,
      patients,
      load: () => Scenario.parse(generateScenario({ shape, patients, seed: 1 })),
    })),
  ),
];

export function staffingCase(name: string): StaffingCase {
  const found = STAFFING_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`unknown staffing case ${name}`);
  return found;
}
