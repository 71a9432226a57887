// One side of one staffing case in its own process: the local search under its time limit, the same with `--prove`
// (HiGHS bounds on another thread), or the HiGHS reference under its cap. Prints one JSON line: the solver's own time
// (compile to roster), its bounds, and what the validator recomputed.
import { type Roster, SolveOptions, mediumOf, unmetDaysOf } from "../src/domain/index.js";
import { solveProved } from "../src/io/bound/solve-proved.js";
import { solveReference } from "../src/solver/exact/reference.js";
import { solve } from "../src/solver/solve.js";
import { validate } from "../src/validator/index.js";
import { staffingCase } from "./staffing-cases.js";

const [name, side, capMs] = process.argv.slice(2);
const scenario = staffingCase(name).load();
let roster: Roster;
let optimal = false;
if (side === "search") {
  roster = solve(scenario, SolveOptions.parse({ seed: 1, timeLimitMs: Number(capMs) }));
} else if (side === "prove") {
  roster = await solveProved(scenario, SolveOptions.parse({ seed: 1, timeLimitMs: Number(capMs) }));
} else {
  const reference = await solveReference(scenario, SolveOptions.parse({ seed: 1, timeLimitMs: Number(capMs) }));
  roster = reference.roster;
  optimal = reference.optimal;
}
const report = validate(scenario, roster);
process.stdout.write(
  `${JSON.stringify({
    ms: roster.solver.timeMs,
    optimal,
    status: roster.solver.status,
    unmetHours: report.metrics.totalUnmetHours,
    fullyServed: report.metrics.patientsFullyServed,
    unmetHoursBound: roster.solver.unmetHoursBound,
    unmetDays: unmetDaysOf(roster),
    unmetDaysBound: roster.solver.unmetDaysBound,
    provenAtMs: roster.solver.provenAtMs,
    mediumBound: roster.solver.mediumBound,
    medium: mediumOf(roster),
    violations: report.violations.length + report.metricMismatches.length,
  })}\n`,
);
