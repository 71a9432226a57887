// Writes the shipped sample clinics from the seeded generator: `npm run scenarios`.
import { writeFileSync } from "node:fs";
import { generateScenario } from "../src/generator/generate.js";

export const SAMPLES = [
  { file: "rural-25.json", shape: "rural", patients: 25, seed: 1 },
  { file: "suburban-120.json", shape: "suburban", patients: 120, seed: 1 },
  { file: "urban-400.json", shape: "urban", patients: 400, seed: 1 },
] as const;

for (const sample of SAMPLES) {
  const scenario = generateScenario({ shape: sample.shape, patients: sample.patients, seed: sample.seed });
  writeFileSync(new URL(sample.file, import.meta.url), `${JSON.stringify(scenario, null, 1)}\n`);
  process.stdout.write(`scenarios/${sample.file}: ${sample.patients} patients\n`);
}
