// The validator's own numbers, recomputed from the sessions alone, against values worked out by hand; and the
// comparison that flags a roster reporting numbers it does not have.
import { describe, expect, it } from "vitest";
import { type Roster, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { patient, scenario } from "../fixtures.js";
import { base, broken, good } from "./base.js";

describe("validator metrics", () => {
  it("recomputes the base clinic's week exactly", () => {
    const { metrics, patients } = validate(base, good);
    // Groups of 9, 8 and 7 in a cap of 12; W1 misses Friday (work), C1 has no group, A1 is over-served.
    expect(metrics).toEqual({
      patients: 10,
      patientsFullyServed: 8,
      waitlisted: 1,
      totalUnmetHours: 12,
      groupsOpened: 3,
      meanGroupFill: 0.6667,
      minGroupFill: 0.5833,
      topicRepeats: 0,
      facilitatorHours: { F1: 9, F2: 0 },
    });
    const by = new Map(patients.map((p) => [p.id, p]));
    expect(by.get("P1")).toEqual({ id: "P1", requiredHours: 9, scheduledHours: 9, unmetHours: 0, unmetDays: 0 });
    expect(by.get("W1")).toEqual({ id: "W1", requiredHours: 9, scheduledHours: 6, unmetHours: 3, unmetDays: 1 });
    expect(by.get("C1")).toEqual({ id: "C1", requiredHours: 9, scheduledHours: 0, unmetHours: 9, unmetDays: 3 });
    expect(by.get("A1")).toEqual({ id: "A1", requiredHours: 1.5, scheduledHours: 3, unmetHours: 0, unmetDays: 0 });
  });

  it("counts topic repeats, fills by room, and days too short to bill", () => {
    const r = broken((x) => {
      x.sessions[2].topic = x.sessions[0].topic;
      x.sessions[2].roomId = "R2";
    });
    const { metrics } = validate(base, r);
    expect(metrics.topicRepeats).toBe(7);
    // Friday's 7 members in a room for 5 fill it 140 %.
    expect(metrics.minGroupFill).toBe(0.6667);
    expect(metrics.meanGroupFill).toBe(round((9 / 12 + 8 / 12 + 7 / 5) / 3));
    // A 90-minute IOP day is no billable day under H0015 (3 h a day).
    const short = scenario({
      slots: ["mon", "wed", "fri", "sat"].map((day) => ({
        id: `${day}-eve`,
        day: day as "mon",
        start: "18:00",
        end: "19:30",
        part: "evening" as const,
      })),
      patients: Array.from({ length: 4 }, (_, i) => patient(`P${i + 1}`, { targetHours: 9 })),
    });
    const roster = solve(short, SolveOptions.parse({ seed: 1, maxIterations: 2000 }));
    const hours = validate(short, roster).patients[0];
    expect(hours).toEqual({ id: "P1", requiredHours: 9, scheduledHours: 6, unmetHours: 3, unmetDays: 3 });
  });

  it.each([
    ["a total off by more than a thousandth", (r: Roster): void => void (r.metrics.totalUnmetHours += 0.002), ["totalUnmetHours"]],
    ["a facilitator's hours", (r: Roster): void => void (r.metrics.facilitatorHours.F1 = 6), ["facilitatorHours"]],
    [
      "a facilitator left out",
      (r: Roster): void => void delete (r.metrics.facilitatorHours as Record<string, number>).F2,
      ["facilitatorHours"],
    ],
    ["a count", (r: Roster): void => void (r.metrics.patientsFullyServed = 9), ["patientsFullyServed"]],
  ] as const)("flags a roster that reports %s", (_name, edit, mismatches) => {
    const report = validate(base, broken(edit));
    expect(report.metricMismatches).toEqual(mismatches);
    expect(report.violations).toEqual([]);
    expect(report.valid).toBe(false);
  });

  it("lets rounding within a thousandth pass", () => {
    const report = validate(
      base,
      broken((r) => (r.metrics.totalUnmetHours += 0.0009)),
    );
    expect(report.metricMismatches).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it("a roster of another week is reported once, naming both", () => {
    const report = validate(
      base,
      broken((r) => (r.weekStart = "2026-12-07")),
    );
    expect(report.violations).toEqual([
      {
        rule: "roster-integrity",
        message: `roster is for clinic test-clinic, week of 2026-12-07; the scenario is clinic test-clinic, week of ${good.weekStart}`,
      },
    ]);
  });
});

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
