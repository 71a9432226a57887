// The day-bundle model bounds the medium tier of every valid roster: never above HiGHS's proven optimum of the staffed
// model on any staffing shape, and equal to it on day programs where the counting bounds fall short.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, Scenario, SolveOptions, mediumOf } from "../../src/domain/index.js";
import { STAFFING_SHAPE_KEYS, generateScenario } from "../../src/generator/generate.js";
import { fullDaysBound, reachAndBound } from "../../src/solver/bound.js";
import { dayBundleModel } from "../../src/solver/exact/day-bundles.js";
import { solveWithHighs } from "../../src/solver/exact/engines.js";
import { solveReference } from "../../src/solver/exact/reference.js";
import { compile } from "../../src/solver/model.js";

async function measure(shape: string, patients: number, seed: number) {
  const scenario = Scenario.parse(generateScenario({ shape, patients, seed }));
  const model = compile(scenario);
  const { reach, unmetHours } = reachAndBound(model, DEFAULT_WEIGHTS);
  const counting = DEFAULT_WEIGHTS["unmet-hours"] * unmetHours + DEFAULT_WEIGHTS["unmet-days"] * fullDaysBound(model, reach, unmetHours);
  const bundles = await solveWithHighs(dayBundleModel(model, DEFAULT_WEIGHTS)!, 20_000);
  const reference = await solveReference(scenario, SolveOptions.parse({ seed: 1, timeLimitMs: 30_000 }));
  return {
    counting,
    bound: bundles.bound!,
    optimum: mediumOf(reference.roster),
    proven: reference.optimal && bundles.status === "optimal",
  };
}

describe("day-bundle model", () => {
  it.each([...STAFFING_SHAPE_KEYS.map((shape) => [shape, 18, 3] as const), ["php-am-pm", 24, 5] as const, ["php-am-pm", 30, 4] as const])(
    "never bounds above the optimum: %s, %i patients, seed %i",
    async (shape, patients, seed) => {
      const r = await measure(shape, patients, seed);
      expect(r.proven).toBe(true);
      expect(r.bound).toBeLessThanOrEqual(r.optimum + 1e-6);
      expect(r.bound).toBeGreaterThanOrEqual(r.counting - 1e-6);
    },
    60_000,
  );

  it("proves the optimum where the counting bounds fall short: a morning and an afternoon block, rooms given whole", async () => {
    const r = await measure("php-am-pm", 24, 0);
    expect(r.counting).toBe(33_800);
    expect(r.bound).toBeCloseTo(37_700, 4);
    expect(r.optimum).toBe(37_700);
  }, 60_000);

  it("bounds at the optimum a model HiGHS's presolve solves outright (reported optimal with a dual bound of 0)", async () => {
    // Nine patients, a second session a day, overlapping group times and leads' hours cut; found by a review's
    // random clinics, where the bound read 0.
    const scenario = Scenario.parse(JSON.parse(readFileSync(new URL("./presolved-clinic.json", import.meta.url), "utf8")));
    const answer = await solveWithHighs(dayBundleModel(compile(scenario), DEFAULT_WEIGHTS)!, 20_000, 0);
    expect(answer.status).toBe("optimal");
    expect(answer.bound).toBeCloseTo(135_500, 4);
  });
});
