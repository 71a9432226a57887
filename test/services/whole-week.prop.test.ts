// Properties over generated clinics with the whole week: every roster passes the validator's rules for one-to-ones,
// family groups and drug tests, and every service a plan calls for is booked or declared missing with a reason.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { withWholeWeek } from "../../src/generator/whole-week.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";

const clinic = fc.record({
  shape: fc.constantFrom("rural", "suburban", "urban" as const),
  patients: fc.integer({ min: 3, max: 45 }),
  seed: fc.integer({ min: 0, max: 10_000 }),
});

describe("whole-week properties", () => {
  it("every roster validates, and each service called for is booked or missing with a reason", () => {
    fc.assert(
      fc.property(clinic, ({ shape, patients, seed }) => {
        const scenario = Scenario.parse(withWholeWeek(generateScenario({ shape, patients, seed }), seed));
        const roster = solve(scenario, SolveOptions.parse({ seed, maxIterations: 2000, timeLimitMs: 600_000 }));
        const report = validate(scenario, roster);
        expect(report.violations).toEqual([]);
        expect(report.metricMismatches).toEqual([]);
        const m = roster.metrics.services!;
        const missing = (service: string) =>
          roster.serviceShortfalls.filter((s) => s.service === service).reduce((n, s) => n + s.missing, 0);
        expect(m["individual-booked"] + missing("individual")).toBe(m["individual-called-for"]);
        expect(m["family-booked"] + missing("family")).toBe(m["family-called-for"]);
        expect(m["drug-test-booked"] + missing("drug-test")).toBe(m["drug-test-called-for"]);
        for (const s of roster.serviceShortfalls) expect(s.reason.length).toBeGreaterThan(20);
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
