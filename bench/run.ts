// `npm run bench [-- --quick]`: every engine on every sample clinic, each roster through the validator,
// with ratios against the first-fit baseline from the same run. Results are kept in bench/results/.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { Scenario, SolveOptions } from "../src/domain/index.js";
import { validate } from "../src/validator/index.js";
import { ENGINES } from "./engines.js";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 1 : 3;
const SAMPLES = ["rural-25", "suburban-120", "urban-400"];

interface Row {
  scenario: string;
  engine: string;
  patients: number;
  medianMs: number;
  objective: number;
  bound: number | null;
  gap: number | null;
  unmetHours: number;
  fullyServed: number;
  groups: number;
  topicRepeats: number;
  violations: number;
  objectiveVsFirstFit?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: Row[] = [];
for (const name of SAMPLES) {
  const scenario = Scenario.parse(JSON.parse(readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), "utf8")));
  const options = SolveOptions.parse({ seed: 1, timeLimitMs: 60_000 });
  for (const engine of ENGINES) {
    const times: number[] = [];
    let roster = engine.run(scenario, options);
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      roster = engine.run(scenario, options);
      times.push(performance.now() - t0);
    }
    const report = validate(scenario, roster);
    rows.push({
      scenario: name,
      engine: engine.name,
      patients: scenario.patients.length,
      medianMs: Math.round(median(times)),
      objective: roster.solver.objective,
      bound: roster.solver.bound,
      gap: roster.solver.gap,
      unmetHours: report.metrics.totalUnmetHours,
      fullyServed: report.metrics.patientsFullyServed,
      groups: report.metrics.groupsOpened,
      topicRepeats: report.metrics.topicRepeats,
      violations: report.violations.length + report.metricMismatches.length,
    });
  }
  const base = rows.find((r) => r.scenario === name && r.engine === "first-fit")!;
  for (const r of rows.filter((x) => x.scenario === name)) r.objectiveVsFirstFit = Math.round((r.objective / base.objective) * 1000) / 1000;
}

const header = "| scenario | engine | patients | median ms | objective | bound | gap | unmet h | fully served | groups | topic repeats | hard violations | objective ÷ first-fit |";
const lines = [header, `|${header.split("|").slice(1, -1).map(() => "---").join("|")}|`];
for (const r of rows) {
  lines.push(`| ${r.scenario} | ${r.engine} | ${r.patients} | ${r.medianMs} | ${r.objective} | ${r.bound ?? "–"} | ${r.gap === null ? "–" : `${(r.gap * 100).toFixed(1)} %`} | ${r.unmetHours} | ${r.fullyServed} | ${r.groups} | ${r.topicRepeats} | ${r.violations} | ${r.objectiveVsFirstFit} |`);
}
const table = lines.join("\n");
process.stdout.write(`${table}\n`);
const out = new URL("./results/", import.meta.url);
mkdirSync(out, { recursive: true });
const stamp = { date: new Date().toISOString().slice(0, 10), node: process.version, runs: RUNS, quick };
writeFileSync(new URL(quick ? "engines-quick.json" : "engines.json", out), `${JSON.stringify({ ...stamp, rows }, null, 2)}\n`);
writeFileSync(new URL(quick ? "engines-quick.md" : "engines.md", out), `# Engines on the sample clinics\n\n${JSON.stringify(stamp)}\n\n${table}\n`);
if (rows.some((r) => r.violations > 0)) process.exitCode = 1;
