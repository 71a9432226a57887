// The one-to-one booking against the exact reference (HiGHS) on clinics small enough to prove: never more than
// the optimum (that would be a broken rule), and the optimum itself on these.
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { withWholeWeek } from "../../src/generator/whole-week.js";
import { mostOneToOnes } from "../../src/solver/exact/one-to-ones.js";
import { solve } from "../../src/solver/solve.js";
import { facilitator } from "../fixtures.js";
import { clinician, wholeWeekInput } from "./fixtures.js";

const options = SolveOptions.parse({ seed: 2, maxIterations: 2000 });

describe("one-to-ones against HiGHS", () => {
  it("one therapist with one 50-minute time on Monday and one on Tuesday: two one-to-ones, no more", async () => {
    const input = wholeWeekInput({
      facilitators: [
        facilitator("F1"),
        { ...clinician("T1", "17:00", "17:50", 4), availability: [{ days: ["mon", "tue"], start: "17:00", end: "17:50" }] },
      ],
    });
    const week = Scenario.parse({ ...input, patients: input.patients.map(({ primaryTherapistId: _, ...p }) => p) });
    const roster = solve(week, options);
    expect(roster.individualSessions).toHaveLength(2);
    expect(await mostOneToOnes(week, roster)).toEqual({ most: 2, proven: true });
  });

  it("books the proven optimum on small generated clinics, with therapists short of caseload and hours", async () => {
    for (const seed of [1, 5, 9, 13]) {
      const input = withWholeWeek(generateScenario({ shape: "rural", patients: 10 + seed, seed }), seed);
      input.facilitators = input.facilitators.map((f) => (f.caseload ? { ...f, caseload: 6, maxHoursPerWeek: 6 } : f));
      const scenario = Scenario.parse(input);
      const roster = solve(scenario, options);
      const best = await mostOneToOnes(scenario, roster);
      expect(best.proven).toBe(true);
      expect(roster.individualSessions.length, `seed ${seed}`).toBe(best.most);
    }
  }, 120_000);
});
