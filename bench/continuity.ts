// `npm run bench:continuity`: next week with 10 % of patients changed (discharged, admitted, new work shifts),
// solved from scratch and from last week's roster (continuity), on the samples and a staffing-bound clinic.
// How many unchanged patients keep their cohort, at what cost in unmet hours; and the diff lists exactly the
// patients whose groups changed. Results in bench/results/continuity.{md,json}.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { type Roster, Scenario, SolveOptions, cohortChanges, placementsOf, withPrevious } from "../src/domain/index.js";
import { nextWeek } from "../src/generator/next-week.js";
import { diffRosters } from "../src/app/diff.js";
import { solve } from "../src/solver/solve.js";
import { validate } from "../src/validator/index.js";
import { staffingCase } from "./staffing-cases.js";

const CASES = ["ohio-60", "suburban-120", "urban-400", "dual-track-120", "evening-crunch-120"];
const SEEDS = [1, 2, 3];
const SHARE = 0.1;
const options = SolveOptions.parse({ seed: 1 });

interface Row {
  case: string;
  seed: number;
  patients: number;
  unchanged: number;
  keptScratch: number;
  keptContinuity: number;
  unmetScratch: number;
  unmetContinuity: number;
  msScratch: number;
  msContinuity: number;
  diffExact: boolean;
  valid: boolean;
}

function timed(scenario: Scenario): { roster: Roster; ms: number } {
  const t0 = performance.now();
  const roster = solve(scenario, options);
  return { roster, ms: performance.now() - t0 };
}

const rows: Row[] = [];
for (const name of CASES) {
  const week1 = staffingCase(name).load();
  const last = solve(week1, options);
  for (const seed of SEEDS) {
    process.stderr.write(`${name} seed ${seed}…\n`);
    const next = nextWeek(week1, SHARE, seed);
    const week2 = Scenario.parse(withPrevious(Scenario.parse(next.scenario), last));
    const changed = new Set([...next.admitted, ...next.shifted]);
    const scratch = timed(Scenario.parse(next.scenario));
    const kept = timed(week2);
    const keptShare = (r: Roster) => {
      const unchanged = [...cohortChanges(week2, placementsOf(r))].filter(([id]) => !changed.has(id));
      return { unchanged: unchanged.length, kept: unchanged.filter(([, n]) => n === 0).length };
    };
    // The diff must name exactly the returning patients whose groups (time and lead) changed, nobody else.
    const diff = diffRosters({ roster: last, scenario: week1 }, { roster: kept.roster, scenario: week2 });
    const groupsOf = (r: Roster, id: string) =>
      placementsOf(r)
        .filter((p) => p.patientId === id)
        .map((p) => `${r.sessions.find((s) => s.slotId === p.slotId)!.start.slice(11, 16)} ${p.slotId} ${p.facilitatorId}`)
        .sort()
        .join();
    const returning = week2.patients.filter((p) => last.patients.some((q) => q.id === p.id)).map((p) => p.id);
    const reallyMoved = returning.filter((id) => groupsOf(last, id) !== groupsOf(kept.roster, id)).sort();
    rows.push({
      case: name,
      seed,
      patients: week2.patients.length,
      unchanged: keptShare(kept.roster).unchanged,
      keptScratch: keptShare(scratch.roster).kept,
      keptContinuity: keptShare(kept.roster).kept,
      unmetScratch: scratch.roster.metrics.totalUnmetHours,
      unmetContinuity: kept.roster.metrics.totalUnmetHours,
      msScratch: Math.round(scratch.ms),
      msContinuity: Math.round(kept.ms),
      diffExact: JSON.stringify(diff.moved.map((m) => m.patientId).sort()) === JSON.stringify(reallyMoved),
      valid: validate(week2, kept.roster).valid && validate(Scenario.parse(next.scenario), scratch.roster).valid,
    });
  }
}

const pct = (a: number, b: number) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)} %`);
const lines = [
  "# Continuity bench",
  "",
  `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} at the end. Seed 1, default iteration budget.`,
  `Next week has ${SHARE * 100} % of patients changed (4 % discharged, 4 % admitted, 2 % with a new work shift), drawn by the change seed; "unchanged" are the returning patients whose records did not change. Kept: an unchanged patient with every group of last week at the same time with the same lead.`,
  "",
  "| case | change seed | patients | unchanged | kept, from scratch | kept, continuity | unmet h, scratch | unmet h, continuity | ratio | s, scratch | s, continuity | diff exact | valid |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.case} | ${r.seed} | ${r.patients} | ${r.unchanged} | ${pct(r.keptScratch, r.unchanged)} | ${pct(r.keptContinuity, r.unchanged)} | ${r.unmetScratch} | ${r.unmetContinuity} | ${r.unmetScratch === 0 ? (r.unmetContinuity === 0 ? "1.00" : "–") : (r.unmetContinuity / r.unmetScratch).toFixed(3)} | ${(r.msScratch / 1000).toFixed(1)} | ${(r.msContinuity / 1000).toFixed(1)} | ${r.diffExact ? "yes" : "**no**"} | ${r.valid ? "yes" : "**no**"} |`,
  ),
  "",
];
const minKept = Math.min(...rows.map((r) => r.keptContinuity / Math.max(1, r.unchanged)));
const within = rows.filter((r) => r.unmetContinuity <= r.unmetScratch * 1.01 + 1e-9).length;
lines.push(
  `- Unchanged patients kept in their cohort: at least ${(100 * minKept).toFixed(1)} % in every run (target ≥ 90 %); from scratch ${pct(
    rows.reduce((s, r) => s + r.keptScratch, 0),
    rows.reduce((s, r) => s + r.unchanged, 0),
  )} overall.`,
  `- Unmet hours within 1 % of the from-scratch solve: ${within} of ${rows.length} runs.`,
  `- The diff named exactly the moved patients in ${rows.filter((r) => r.diffExact).length} of ${rows.length} runs; every roster passed the validator: ${rows.every((r) => r.valid) ? "yes" : "no"}.`,
);
const dir = new URL("./results/", import.meta.url);
writeFileSync(new URL("continuity.md", dir), `${lines.join("\n")}\n`);
writeFileSync(new URL("continuity.json", dir), `${JSON.stringify(rows, null, 2)}\n`);
process.stdout.write(`${lines.join("\n")}\n`);
process.exitCode = minKept >= 0.9 && within === rows.length && rows.every((r) => r.diffExact && r.valid) ? 0 : 1;
