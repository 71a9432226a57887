// Properties over generated clinics: whatever the shape and size, the solver's roster passes the independent
// validator, stays inside every band, reports the metrics the validator recomputes, and repeats itself per seed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions, exceedsBand, programOf, requirementOf } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { construct } from "../../src/solver/construct.js";
import { compile } from "../../src/solver/model.js";
import { MOVES } from "../../src/solver/moves.js";
import { Random } from "../../src/solver/random.js";
import { snapshot } from "../../src/solver/search.js";
import { restore, solve } from "../../src/solver/solve.js";
import { HARD, State } from "../../src/solver/state.js";
import { validate } from "../../src/validator/index.js";
import { DEFAULT_WEIGHTS, TERM_IDS } from "../../src/domain/index.js";

const clinic = fc.record({
  shape: fc.constantFrom("rural", "suburban", "urban" as const),
  patients: fc.integer({ min: 3, max: 45 }),
  seed: fc.integer({ min: 0, max: 10_000 }),
});

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
      }),
      { numRuns: 20, seed: 20261125 },
    );
  });

  it("the same scenario and seed give the same roster", () => {
    fc.assert(
      fc.property(clinic, ({ shape, patients, seed }) => {
        const scenario = Scenario.parse(generateScenario({ shape, patients, seed }));
        const strip = (r: ReturnType<typeof solve>) => ({ ...r, solver: { ...r.solver, timeMs: 0 } });
        expect(strip(solve(scenario, options(seed)))).toEqual(strip(solve(scenario, options(seed))));
      }),
      { numRuns: 8, seed: 7 },
    );
  });

  it("the incrementally kept score equals a recomputation from scratch after any sequence of moves", () => {
    fc.assert(
      fc.property(clinic, fc.integer({ min: 0, max: 1000 }), ({ shape, patients, seed }, walk) => {
        const scenario = Scenario.parse(generateScenario({ shape, patients, seed }));
        const model = compile(scenario);
        const state = new State(model, DEFAULT_WEIGHTS);
        construct(state);
        const rng = new Random(walk);
        for (let i = 0; i < 400; i++) {
          state.begin();
          MOVES[rng.int(MOVES.length)][0](state, rng, []);
          if (rng.next() < 0.5) state.commit();
          else state.rollback();
        }
        const terms = state.breakdown();
        const scratch = TERM_IDS.reduce((sum, id) => sum + DEFAULT_WEIGHTS[id] * terms[id], 0) + HARD * state.hardViolations();
        expect(state.score()).toBeCloseTo(scratch, 4);
        expect(restore(model, DEFAULT_WEIGHTS, snapshot(state)).score()).toBeCloseTo(scratch, 4);
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
