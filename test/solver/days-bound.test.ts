// Billable days proven: the roster's unmetDaysBound counts, per patient, the days that no group time they can reach
// makes billable (H0015: 3 h on each of 3 days for IOP), and the table says when the roster meets it.
import { describe, expect, it } from "vitest";
import { SolveOptions, unmetDaysOf } from "../../src/domain/index.js";
import { formatRoster } from "../../src/io/cli/table.js";
import { solve } from "../../src/solver/solve.js";
import { evening, patient, scenario } from "../fixtures.js";

describe("unmetDaysBound", () => {
  it("is each patient's days out of reach, met by the roster and printed as proven", () => {
    // P1 works every evening but Monday and Wednesday: two billable days at most, one short of IOP's three.
    const week = scenario({
      slots: evening(["mon", "tue", "wed", "thu", "fri"]),
      patients: Array.from({ length: 6 }, (_, i) =>
        patient(`P${i + 1}`, i === 0 ? { unavailable: [{ days: ["tue", "thu", "fri"], start: "17:00", end: "22:00", kind: "work" }] } : {}),
      ),
    });
    const roster = solve(week, SolveOptions.parse({ seed: 1, maxIterations: 3000 }));
    expect(roster.solver.unmetDaysBound).toBe(1);
    expect(unmetDaysOf(roster)).toBe(1);
    expect(formatRoster(week, roster)).toContain("1 billable day short: proven the fewest any valid roster can leave");
  });
});
