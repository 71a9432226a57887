// A HiGHS bound proved on a second thread tightens the roster's bound and gap, never the roster itself.
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions, mediumOf, unmetDaysOf } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { solveProved } from "../../src/io/bound/solve-proved.js";
import { solve } from "../../src/solver/solve.js";
import { withBound } from "../../src/solver/to-roster.js";
import { formatRoster } from "../../src/io/cli/table.js";
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

describe("proved billable days and medium tier", () => {
  it("counting proves the days a track with too few lead hours cannot have, as HiGHS does", async () => {
    // Co-occurring groups only dual-trained clinicians lead, and too few of them: counted from the hours alone, 19
    // days; from the flows of days, every co-occurring patient's 24.
    const s = Scenario.parse(generateScenario({ shape: "dual-track", patients: 30, seed: 1 }));
    const options = SolveOptions.parse({ seed: 1, timeLimitMs: 20_000 });
    const plain = solve(s, options);
    const proved = await solveProved(s, options);
    expect(plain.solver.unmetDaysBound).toBe(24);
    expect(proved.solver.unmetDaysBound).toBe(24);
    expect(unmetDaysOf(proved)).toBe(24);
    expect(withBound(plain, null, null, 3)).toBe(plain);
  });

  it("HiGHS proves hours and days together where each bound alone falls short: fewer days would leave hours unmet", async () => {
    // A day program in a 3-hour and a 2.5-hour block, rooms going to the tracks whole: the counting bounds allow
    // 33 800 on the medium tier, the day-bundle model proves the roster's 37 700.
    const s = Scenario.parse(generateScenario({ shape: "php-am-pm", patients: 24, seed: 0 }));
    const options = SolveOptions.parse({ seed: 1, timeLimitMs: 20_000 });
    const plain = solve(s, options);
    const proved = await solveProved(s, options);
    expect(plain.solver.mediumBound).toBe(33_800);
    expect(plain.solver.provenAtMs).toBeNull();
    expect(proved.solver.mediumBound).toBe(37_700);
    expect(mediumOf(proved)).toBe(37_700);
    expect(proved.solver.provenAtMs).not.toBeNull();
    expect(unmetDaysOf(proved)).toBeGreaterThan(proved.solver.unmetDaysBound!);
    expect(formatRoster(s, proved)).toMatch(
      /billable days short: proven the fewest any valid roster can leave without leaving more hours unmet/,
    );
    expect(formatRoster(s, plain)).not.toMatch(/without leaving more hours unmet/);
  });
});
