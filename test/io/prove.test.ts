// A HiGHS bound proved on a second thread tightens the roster's bound and gap, never the roster itself.
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions, unmetDaysOf } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { solveProved } from "../../src/io/bound/solve-proved.js";
import { solve } from "../../src/solver/solve.js";
import { withBound } from "../../src/solver/to-roster.js";
import { validate } from "../../src/validator/index.js";
import { scenario } from "../fixtures.js";

describe("proved bound", () => {
  const s = scenario();
  const options = SolveOptions.parse({ seed: 7, maxIterations: 20_000, timeLimitMs: 20_000 });

  it("takes HiGHS's tighter bound and recomputes the gap", async () => {
    const plain = solve(s, options);
    const proved = await solveProved(s, options);
    expect(validate(s, proved).valid).toBe(true);
    expect(proved.sessions).toEqual(plain.sessions);
    expect(plain.solver.bound).toBe(80);
    expect(proved.solver.bound).toBe(120);
    expect(proved.solver.gap).toBeCloseTo((172 - 120) / 172, 6);
  });

  it("keeps the roster's own bound when the other is looser or missing", () => {
    const plain = solve(s, options);
    expect(withBound(plain, 10)).toBe(plain);
    expect(withBound(plain, null)).toBe(plain);
    expect(withBound(plain, 172).solver.status).toBe("optimal");
  });
});

describe("proved unmet-hours bound", () => {
  it("HiGHS proves the shortfall where counting arguments fall short, and the roster meets it", async () => {
    // Five facilitators with 6–12 group hours: the counting bound says 0 h, the staffed model proves 3 h.
    const s = Scenario.parse(generateScenario({ shape: "hour-shortage", patients: 10, seed: 47007 }));
    const options = SolveOptions.parse({ seed: 1, timeLimitMs: 20_000 });
    const plain = solve(s, options);
    const proved = await solveProved(s, options);
    expect(plain.solver.unmetHoursBound).toBe(0);
    expect(proved.solver.unmetHoursBound).toBe(3);
    expect(proved.metrics.totalUnmetHours).toBe(3);
  });
});

describe("proved billable-days bound", () => {
  it("HiGHS proves the days short where counting from hours falls short, and the roster meets it", async () => {
    // Two tracks and too few lead hours for both: the hours bound costs 19 days at the least, the staffed model 24.
    const s = Scenario.parse(generateScenario({ shape: "dual-track", patients: 30, seed: 1 }));
    const options = SolveOptions.parse({ seed: 1, timeLimitMs: 20_000 });
    const plain = solve(s, options);
    const proved = await solveProved(s, options);
    expect(plain.solver.unmetDaysBound).toBe(19);
    expect(proved.solver.unmetDaysBound).toBe(24);
    expect(unmetDaysOf(proved)).toBe(24);
    expect(withBound(plain, null, null, 3)).toBe(plain);
  });
});
