// The scenarios the bench runs: the shipped samples, then one clinic shape at growing census.
import { readFileSync } from "node:fs";
import { Scenario } from "../src/domain/index.js";
import { generateScenario } from "../src/generator/generate.js";

export interface BenchCase {
  readonly name: string;
  readonly patients: number;
  /** Part of the growth series at fixed clinic shape (for the fitted exponent). */
  readonly series: boolean;
  readonly load: () => Scenario;
}

const sample = (file: string, patients: number, series = false): BenchCase => ({
  name: file,
  patients,
  series,
  load: () => Scenario.parse(JSON.parse(readFileSync(new URL(`../scenarios/${file}.json`, import.meta.url), "utf8"))),
});

const urban = (patients: number): BenchCase => ({
  name: `urban-${patients}`,
  patients,
  series: true,
  load: () => Scenario.parse(generateScenario({ shape: "urban", patients, seed: 1 })),
});

export const CASES: readonly BenchCase[] = [
  sample("rural-25", 25),
  sample("suburban-120", 120),
  urban(25),
  urban(120),
  sample("urban-400", 400, true),
  urban(1000),
  urban(2500),
];

/** The smoke run CI makes: every engine through the validator on the two small samples. */
export const QUICK_CASES = new Set(["rural-25", "suburban-120"]);

export function caseByName(name: string): BenchCase {
  const found = CASES.find((c) => c.name === name);
  if (!found) throw new Error(`unknown bench case ${name}`);
  return found;
}

/** 40 clinics of mixed shapes and sizes, 10 000 patients in all. */
export function network(): Scenario[] {
  const shapes = ["rural", "suburban", "urban"] as const;
  const sizes = Array.from({ length: 40 }, (_, i) => [100, 200, 250, 300, 400][i % 5]);
  return sizes.map((patients, i) =>
    Scenario.parse(
      generateScenario({ shape: shapes[i % 3], patients, seed: 100 + i, clinicId: `clinic-${String(i + 1).padStart(2, "0")}` }),
    ),
  );
}
