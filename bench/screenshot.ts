// `npm run screenshot`: the roster page of the shipped Ohio clinic (read from its spreadsheets), as chromium shows
// it on a laptop screen, kept beside the sample as scenarios/ohio-60/roster-page.png for the README.
import { readFileSync, writeFileSync } from "node:fs";
import { SolveOptions } from "../src/domain/index.js";
import { scenarioFromCsv } from "../src/io/csv/scenario-from-csv.js";
import { rosterPage } from "../src/io/export/page.js";
import { solve } from "../src/solver/solve.js";
import { launchChromium } from "./chromium.js";

const dir = new URL("../scenarios/ohio-60/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), "utf8");
const { scenario } = scenarioFromCsv({
  clinic: JSON.parse(read("clinic.json")),
  patientsCsv: read("patients.csv"),
  facilitatorsCsv: read("facilitators.csv"),
});
if (!scenario) throw new Error("the Ohio sample does not read: run npm run scenarios");
const roster = solve(scenario, SolveOptions.parse({ seed: 1 }));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.setContent(rosterPage(scenario, roster));
  writeFileSync(new URL("roster-page.png", dir), await page.screenshot({ fullPage: false }));
} finally {
  await browser.close();
}
process.stdout.write("scenarios/ohio-60/roster-page.png\n");
