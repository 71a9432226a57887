// The aggregated MIP and the exact engines: bounds that hold, answers checked, rosters the validator passes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, Scenario, SolveOptions } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { aggregate } from "../../src/solver/exact/aggregate.js";
import { solveExact } from "../../src/solver/exact/engines.js";
import { Mip } from "../../src/solver/exact/mip.js";
import { compile } from "../../src/solver/model.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { scenario } from "../fixtures.js";

describe("Mip", () => {
  it("measures how far an assignment breaks its rows, bounds and integrality", () => {
    const mip = new Mip();
    const a = mip.col("a", 1, 0, 1, true);
    const b = mip.col("b", 2, 0, 5, false);
    mip.row(
      "r",
      [
        [a, 1],
        [b, 1],
      ],
      2,
      3,
    );
    expect(mip.violation([1, 1])).toBe(0);
    expect(mip.violation([0.5, 1.5])).toBeCloseTo(0.5);
    expect(mip.violation([1, 3])).toBeCloseTo(1);
    expect(mip.objective([1, 1])).toBe(3);
    const csr = mip.toCsr();
    expect([...csr.starts]).toEqual([0, 2]);
    expect([...csr.indices]).toEqual([0, 1]);
  });
});

describe("exact engines", () => {
  it("HiGHS proves the optimum of the eight-patient clinic and its roster passes the validator", async () => {
    const s = scenario();
    const roster = await solveExact(s, SolveOptions.parse({ timeLimitMs: 20_000 }), "highs");
    expect(validate(s, roster).valid).toBe(true);
    expect(roster.metrics.patientsFullyServed).toBe(8);
    // The aggregated optimum is 3 groups × 40; topics cost the rest of the known optimum 172.
    expect(roster.solver.bound).toBe(120);
    expect(roster.solver.objective).toBe(172);
  });

  it("javascript-lp-solver's answer is checked and used on a small clinic", async () => {
    const s = scenario();
    const roster = await solveExact(s, SolveOptions.parse({ timeLimitMs: 20_000 }), "lp-solver");
    expect(validate(s, roster).valid).toBe(true);
    expect(roster.metrics.patientsFullyServed).toBe(8);
  });

  it("the HiGHS bound never exceeds what the local search achieves, and its rosters are valid", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("rural", "suburban", "urban" as const),
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 0, max: 500 }),
        async (shape, patients, seed) => {
          const s = Scenario.parse(generateScenario({ shape, patients, seed }));
          const exact = await solveExact(s, SolveOptions.parse({ timeLimitMs: 20_000 }), "highs");
          expect(validate(s, exact).violations).toEqual([]);
          const ours = solve(s, SolveOptions.parse({ seed, maxIterations: 5000 }));
          expect(exact.solver.bound!).toBeLessThanOrEqual(ours.solver.objective + 1e-6);
          expect(exact.solver.bound!).toBeLessThanOrEqual(exact.solver.objective + 1e-6);
        },
      ),
      { numRuns: 8, seed: 5 },
    );
  });

  it("every patient's slot columns exist only where a group of their track can meet", () => {
    const model = compile(Scenario.parse(generateScenario({ shape: "suburban", patients: 30, seed: 3 })));
    const { x, n } = aggregate(model, DEFAULT_WEIGHTS);
    const S = model.slots.length;
    const T = model.tracks.length;
    model.patients.forEach((p, i) => {
      for (let s = 0; s < S; s++) if (x[i * S + s] >= 0) expect(n[s * T + p.track]).toBeGreaterThanOrEqual(0);
    });
  });
});
