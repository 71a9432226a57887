// Properties over generated clinics: whatever the shape and size, the solver's roster passes the independent
// validator, stays inside every band, reports the metrics the validator recomputes, and repeats itself per seed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Scenario,
  SolveOptions,
  coreDueOf,
  coreTopics,
  exceedsBand,
  programOf,
  requirementOf,
  unmetDaysOf,
} from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { construct } from "../../src/solver/construct.js";
import { compile } from "../../src/solver/model.js";
import { MOVES } from "../../src/solver/moves.js";
import { Random } from "../../src/solver/random.js";
import { snapshot } from "../../src/solver/search.js";
import { restore, solve } from "../../src/solver/solve.js";
import { State } from "../../src/solver/state.js";
import { validate } from "../../src/validator/index.js";
import { withoutClock } from "../fixtures.js";
import { DEFAULT_WEIGHTS, OBJECTIVE_TERMS, TERM_IDS, type Weights } from "../../src/domain/index.js";

const clinic = fc.record({
  shape: fc.constantFrom("rural", "suburban", "urban" as const),
  patients: fc.integer({ min: 3, max: 45 }),
  seed: fc.integer({ min: 0, max: 10_000 }),
});

/** The week as a record makes it: every core topic due for the rolling cycle, and make-ups for every third patient. */
function withCurriculumDue(week: Scenario): Scenario {
  const program = programOf(week);
  return Scenario.parse({
    ...week,
    coreDue: coreDueOf(program, week, []),
    patients: week.patients.map((p, i) => (i % 3 === 0 ? { ...p, makeUps: coreTopics(program, p).slice(i % 4, (i % 4) + 2) } : p)),
  });
}

const options = (seed: number) => SolveOptions.parse({ seed, maxIterations: 3000, timeLimitMs: 600_000 });

describe("solver properties", () => {
  it("every roster passes the validator, stays inside the bands and reports the recomputed metrics", () => {
    fc.assert(
      fc.property(clinic, ({ shape, patients, seed }) => {
        const scenario = Scenario.parse(generateScenario({ shape, patients, seed }));
        const roster = solve(scenario, options(seed));
        const report = validate(scenario, roster);
        expect(report.violations).toEqual([]);
        expect(report.metricMismatches).toEqual([]);
        const program = programOf(scenario);
        roster.patients.forEach((plan, i) => {
          expect(exceedsBand(requirementOf(program, scenario.patients[i]).band, plan.scheduledHours)).toBe(false);
          if (plan.unmet) expect(plan.unmet.reason.length).toBeGreaterThan(20);
        });
        expect(roster.patients.map((p) => p.id)).toEqual(scenario.patients.map((p) => p.id));
        if (roster.solver.bound !== null) expect(roster.solver.objective).toBeGreaterThanOrEqual(roster.solver.bound - 1e-6);
        // The days bound is a bound: never above the days the roster leaves short.
        expect(roster.solver.unmetDaysBound).not.toBeNull();
        expect(roster.solver.unmetDaysBound!).toBeLessThanOrEqual(unmetDaysOf(roster));
        // Proven means both bounds met by the roster returned.
        if (roster.solver.provenAtMs !== null) {
          expect(roster.metrics.totalUnmetHours).toBeCloseTo(roster.solver.unmetHoursBound!, 4);
          expect(unmetDaysOf(roster)).toBe(roster.solver.unmetDaysBound);
        }
      }),
      { numRuns: 20, seed: 20261125 },
    );
  });

  it("the same scenario and seed give the same roster", () => {
    fc.assert(
      fc.property(clinic, ({ shape, patients, seed }) => {
        const scenario = Scenario.parse(generateScenario({ shape, patients, seed }));
        expect(withoutClock(solve(scenario, options(seed)))).toEqual(withoutClock(solve(scenario, options(seed))));
      }),
      { numRuns: 8, seed: 7 },
    );
  });

  it("the incrementally kept score equals a recomputation from scratch after any sequence of moves, under any weights", () => {
    fc.assert(
      fc.property(clinic, fc.integer({ min: 0, max: 1000 }), ({ shape, patients, seed }, walk) => {
        const scenario = withCurriculumDue(Scenario.parse(generateScenario({ shape, patients, seed })));
        const model = compile(scenario);
        const rng = new Random(walk);
        const weights = Object.fromEntries(TERM_IDS.map((id) => [id, DEFAULT_WEIGHTS[id] * (0.1 + 3 * rng.next())])) as Weights;
        const state = new State(model, weights);
        construct(state);
        for (let i = 0; i < 600; i++) {
          const short = model.patients.flatMap((_, p) => (state.pHours[p] < model.patients[p].required ? [p] : []));
          state.begin();
          // Every kind of move in turn, so none is left out of the check.
          MOVES[i % MOVES.length][0](state, rng, short);
          // Scored or not before it is kept or undone: the search scores a move first, a move that found nothing not.
          if (rng.next() < 0.5) state.score();
          if (rng.next() < 0.5) state.commit();
          else state.rollback();
        }
        const terms = state.breakdown();
        const tier = (name: string) =>
          TERM_IDS.filter((id) => OBJECTIVE_TERMS[id].tier === name).reduce((sum, id) => sum + weights[id] * terms[id], 0);
        const underMin = state
          .aliveGroups()
          .reduce((n, g) => n + Math.max(0, model.tracks[state.groups[g].track].min - state.groups[g].members.length), 0);
        const score = state.score();
        expect(score.hard).toBe(underMin);
        expect(score.medium).toBeCloseTo(tier("medium"), 4);
        expect(score.served).toBeCloseTo(tier("served"), 4);
        expect(score.soft).toBeCloseTo(tier("soft"), 4);
        const rebuilt = restore(model, weights, snapshot(state));
        expect(rebuilt.breakdown()).toEqual(terms);
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
