// The sourced UCSF IOP day (10:00–12:50 as three 50-minute groups, Mon–Fri; domain.md §2) is expressible: a clinic
// passes its own program model whose IOP level allows three sessions a day, and the week is solved and valid.
import { describe, expect, it } from "vitest";
import { PROGRAM_MODELS, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

describe("the UCSF day as a clinic's own program model", () => {
  it("three 50-minute groups a day, five days, 12.5 h a week for each patient", () => {
    const generic = PROGRAM_MODELS.get("generic-iop")!;
    const program = {
      ...generic,
      id: "ucsf-iop",
      levels: generic.levels.map((l) =>
        l.id === "iop"
          ? {
              ...l,
              maxSessionsPerDay: 3,
              maxSessionsPerWeek: 15,
              bands: { ...l.bands, adult: { ...l.bands.adult, minHoursPerDay: 2.5, minDays: 5 } },
            }
          : l,
      ),
    };
    const days = ["mon", "tue", "wed", "thu", "fri"] as const;
    const times = [
      ["10:00", "10:50"],
      ["11:00", "11:50"],
      ["12:00", "12:50"],
    ] as const;
    const s = scenario({
      program,
      slots: days.flatMap((day) => times.map(([start, end], i) => ({ id: `${day}-${i + 1}`, day, start, end, part: "day" as const }))),
      facilitators: [facilitator("F1", { maxHoursPerWeek: 15 })],
      patients: Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`, { targetHours: 12.5 })),
    });
    const roster = solve(s, SolveOptions.parse({ seed: 1, maxIterations: 20_000 }));
    expect(validate(s, roster).valid).toBe(true);
    expect(roster.metrics.totalUnmetHours).toBe(0);
    expect(roster.patients.every((p) => p.sessionIds.length === 15)).toBe(true);
  });
});
