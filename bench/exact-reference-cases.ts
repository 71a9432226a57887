// The local search measured against an exact reference, not against itself: HiGHS solves the staffed model of the
// hard rules and unmet hours on random staffing-bound clinics (dual-trained leads, short facilitator hours, mixed
// rooms, PHP-heavy programs, evening crunch), its answer becomes a roster the validator passes, and the search must
// reach the same shortfall; the proven unmet-hours bound must never exceed it. The clinics and the comparison of one,
// shared by test/solver/exact-reference.test.ts (the first 40) and `npm run bench:exact-reference` (200).
import fc from "fast-check";
import { DEFAULT_WEIGHTS, Scenario, SolveOptions, mediumOf, unmetDaysOf } from "../src/domain/index.js";
import { STAFFING_SHAPE_KEYS, generateScenario } from "../src/generator/generate.js";
import { fullDaysBound, reachAndBound } from "../src/solver/bound.js";
import { solveReference } from "../src/solver/exact/reference.js";
import { compile } from "../src/solver/model.js";
import { solve } from "../src/solver/solve.js";
import { type Violation, validate } from "../src/validator/index.js";

export interface Clinic {
  readonly shape: string;
  readonly patients: number;
  readonly seed: number;
}

/** The same seeded draw every time: `count` staffing-bound clinics of 6–30 patients. */
export function staffingClinics(count: number): Clinic[] {
  return fc.sample(
    fc.record({
      shape: fc.constantFrom(...STAFFING_SHAPE_KEYS),
      patients: fc.integer({ min: 6, max: 30 }),
      seed: fc.integer({ min: 0, max: 1e6 }),
    }),
    { numRuns: count, seed: 20261129 },
  );
}

export interface Comparison {
  readonly clinic: string;
  /** What the validator found in HiGHS's roster: nothing, always. */
  readonly referenceViolations: readonly Violation[];
  /** Whether HiGHS proved its medium tier optimal; the rest is compared only then. */
  readonly proven: boolean;
  /** HiGHS's unmet hours: the proven minimum when proven. */
  readonly optimum: number;
  readonly oursValid: boolean;
  readonly oursUnmetHours: number;
  readonly unmetHoursBound: number;
  /** Billable days short in HiGHS's roster and in ours, and the days bound that neither may go below. */
  readonly referenceUnmetDays: number;
  readonly oursUnmetDays: number;
  readonly unmetDaysBound: number;
  readonly bound: number;
  readonly objective: number;
  /** The search's medium tier (unmet hours and days at their weights) equals HiGHS's. */
  readonly equal: boolean;
  readonly referenceMs: number;
  readonly searchMs: number;
}

function everyDaysBound(scenario: Scenario): number {
  const model = compile(scenario);
  const { reach, unmetHours } = reachAndBound(model, DEFAULT_WEIGHTS);
  return fullDaysBound(model, reach, unmetHours);
}

export async function compareOnClinic({ shape, patients, seed }: Clinic): Promise<Comparison> {
  const scenario = Scenario.parse(generateScenario({ shape, patients, seed }));
  const t0 = performance.now();
  const reference = await solveReference(scenario, SolveOptions.parse({ seed: 1, timeLimitMs: 30_000 }));
  const t1 = performance.now();
  const ours = solve(scenario, SolveOptions.parse({ seed: 1 }));
  const t2 = performance.now();
  return {
    clinic: `${shape}/${patients}/${seed}`,
    referenceViolations: validate(scenario, reference.roster).violations,
    proven: reference.optimal,
    optimum: reference.roster.metrics.totalUnmetHours,
    oursValid: validate(scenario, ours).valid,
    oursUnmetHours: ours.metrics.totalUnmetHours,
    unmetHoursBound: ours.solver.unmetHoursBound!,
    referenceUnmetDays: unmetDaysOf(reference.roster),
    oursUnmetDays: unmetDaysOf(ours),
    // Every days bound there is, not only what the solve asked for: each must hold against both rosters.
    unmetDaysBound: Math.max(ours.solver.unmetDaysBound!, everyDaysBound(scenario)),
    bound: ours.solver.bound!,
    objective: ours.solver.objective,
    equal: Math.abs(mediumOf(ours) - mediumOf(reference.roster)) < 1e-6,
    referenceMs: Math.round(t1 - t0),
    searchMs: Math.round(t2 - t1),
  };
}
