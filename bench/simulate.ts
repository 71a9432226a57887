// `npm run simulate [-- --weeks 12 --seed 1]`: twelve weeks of the whole-week sample (the suburban clinic with
// one-to-ones, family group and drug tests booked), admissions, discharges, no-shows and step-downs, each week solved from
// the last (continuity on) and validated. Per week: hours served, patients fully served, churn, topic repeats,
// services booked; at the end, whether patients who stayed their planned length heard the whole curriculum, and
// for each who did not, why. Results in bench/results/simulation.{md,json,svg}.
import { readFileSync, writeFileSync } from "node:fs";
import { DateTime } from "luxon";
import { type Roster, Scenario, SolveOptions, programOf, withPrevious } from "../src/domain/index.js";
import { Random } from "../src/solver/random.js";
import { solve } from "../src/solver/solve.js";
import { validate } from "../src/validator/index.js";
import { type Stay, admit, attend, endOfWeek } from "./simulation/stay.js";
import { type WeekRow, coverageOf, writeSimulation } from "./simulation/report.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const WEEKS = arg("weeks", 12);
const SEED = arg("seed", 1);
const CLINIC = "scenarios/whole-week-120.json";

const random = new Random(SEED);
const start = Scenario.parse(JSON.parse(readFileSync(CLINIC, "utf8")));
const program = programOf(start);
const records = new Map<string, Stay>(
  start.patients.map((patient) => [
    patient.id,
    {
      patient,
      admittedWeek: 0,
      heard: new Set(),
      missed: new Set(),
      heldInTrack: new Set(),
      weeksAtLevel: 0,
      levels: [patient.level],
      sessions: 0,
    },
  ]),
);
const options = SolveOptions.parse({ seed: SEED });
const rows: WeekRow[] = [];
let last: Roster | undefined;
let weekStart = start.clinic.weekStart;
let toAdmit = 0;

for (let week = 1; week <= WEEKS; week++) {
  const admitted: string[] = [];
  for (let i = 0; i < toAdmit; i++) {
    const id = `A${String(week).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`;
    records.set(id, admit(random, start.patients, id, weekStart, week));
    admitted.push(id);
  }
  const census = [...records.values()].filter((r) => !r.discharged);
  const plain = Scenario.parse({ ...start, clinic: { ...start.clinic, weekStart }, patients: census.map((r) => r.patient) });
  const scenario = last ? Scenario.parse(withPrevious(plain, last)) : plain;
  process.stderr.write(`week ${week} (${weekStart}): ${census.length} patients…\n`);
  const t0 = performance.now();
  const roster = solve(scenario, options);
  const ms = performance.now() - t0;
  const report = validate(scenario, roster);
  const noShows = attend(random, records, roster);
  const { stepped, left } = endOfWeek(random, records, scenario, week, program);
  rows.push(
    weekRow(week, scenario, roster, report.violations.length + report.metricMismatches.length, ms, { admitted, left, stepped, noShows }),
  );
  toAdmit = left.length;
  last = roster;
  weekStart = DateTime.fromISO(weekStart).plus({ days: 7 }).toISODate()!;
}

function weekRow(
  week: number,
  scenario: Scenario,
  roster: Roster,
  violations: number,
  ms: number,
  moves: { admitted: string[]; left: string[]; stepped: string[]; noShows: number },
): WeekRow {
  const m = roster.metrics;
  const s = m.services ?? {};
  const required = roster.patients.reduce((h, p) => h + p.requiredHours, 0);
  // "Where windows allow": a patient whose every free hour is taken by work, school or groups is not counted.
  const noTime = roster.serviceShortfalls.filter((x) => x.service === "individual" && x.reason.startsWith("no time")).length;
  return {
    week,
    weekStart: scenario.clinic.weekStart,
    patients: m.patients,
    admitted: moves.admitted.length,
    discharged: moves.left.length,
    steppedDown: moves.stepped.length,
    requiredHours: Math.round(required * 10) / 10,
    unmetHours: m.totalUnmetHours,
    fullyServed: m.patientsFullyServed,
    churn: (m.continuity?.changed ?? 0) + moves.admitted.length,
    topicRepeats: m.topicRepeats,
    heardBeforeInCycle: roster.patients.reduce((n, p) => n + p.sessionIds.length - (p.curriculum?.newThisWeek ?? 0), 0),
    noShows: moves.noShows,
    individualCalledFor: s["individual-called-for"] ?? 0,
    individualBooked: s["individual-booked"] ?? 0,
    individualNoCommonTime: noTime,
    familyCalledFor: s["family-called-for"] ?? 0,
    familyBooked: s["family-booked"] ?? 0,
    testsCalledFor: s["drug-test-called-for"] ?? 0,
    testsBooked: s["drug-test-booked"] ?? 0,
    violations,
    ms: Math.round(ms),
  };
}

const coverage = coverageOf([...records.values()], program);
const { markdown, failed } = writeSimulation(new URL("results/", import.meta.url), {
  clinic: CLINIC,
  seed: SEED,
  weeks: WEEKS,
  rows,
  coverage,
});
writeFileSync(1, markdown);
process.exitCode = failed ? 1 : 0;
