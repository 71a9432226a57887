// The objective's tiers: hours and billable days first, then patients fully served, then everything else, whatever
// the weights inside each tier.
import { describe, expect, it } from "vitest";
import { SolveOptions, WeightOverrides } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { compareScores } from "../../src/solver/state.js";
import { validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;

/** Four PHP patients and a 5.5-hour day program: 4 days give 22 h but miss the 5-day rule, 5 days give 27.5 h. */
const php = () =>
  scenario({
    slots: weekdays.map((day) => ({ id: `${day}-php`, day, start: "09:00", end: "14:30", part: "day" as const })),
    patients: Array.from({ length: 4 }, (_, i) => patient(`P${i + 1}`, { level: "php" })),
  });

describe("objective tiers", () => {
  it("a PHP patient gets all five days although four would leave fewer extra hours", () => {
    const s = php();
    const roster = solve(s, SolveOptions.parse({ seed: 3 }));
    expect(validate(s, roster).valid).toBe(true);
    expect(roster.patients.map((p) => p.scheduledHours)).toEqual([27.5, 27.5, 27.5, 27.5]);
    expect(roster.patients.every((p) => p.unmet === null)).toBe(true);
  });

  it("no soft weight, however large, trades a billable day for comfort", () => {
    const s = php();
    const roster = solve(s, SolveOptions.parse({ seed: 3, weights: { "extra-hours": 1e6, "groups-opened": 1e6 } }));
    expect(roster.patients.every((p) => p.unmet === null)).toBe(true);
  });

  it("at equal unmet hours, a full week for fewer patients beats partial weeks for more", () => {
    // One facilitator with 9 hours: three 3-hour groups of four seats, for eight patients who need 9 h each, so any
    // roster leaves 36 h unmet. Seating everyone by their day/evening preference gives 0 full weeks; only cohorts
    // that attend all three groups, one of them outside their preference, serve four patients fully.
    const s = scenario({
      clinic: { id: "test-clinic", timeZone: "America/Chicago", weekStart: "2026-11-30", groupSize: { min: 4, max: 4 } },
      slots: [
        { id: "mon-eve", day: "mon", start: "18:00", end: "21:00", part: "evening" },
        { id: "wed-eve", day: "wed", start: "18:00", end: "21:00", part: "evening" },
        { id: "fri-day", day: "fri", start: "09:00", end: "12:00", part: "day" },
      ],
      facilitators: [facilitator("F1", { maxHoursPerWeek: 9 })],
      patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`, { preference: i < 4 ? "evening" : "day" })),
    });
    for (const seed of [1, 2, 3]) {
      const roster = solve(s, SolveOptions.parse({ seed }));
      expect(validate(s, roster).valid).toBe(true);
      expect(roster.metrics.totalUnmetHours).toBe(36);
      expect(roster.metrics.patientsFullyServed).toBe(4);
    }
  });

  it("the first tier that differs decides", () => {
    const base = { hard: 0, medium: 1000, served: 2, soft: 500 };
    expect(compareScores({ ...base, medium: 999 }, { ...base, soft: 0 })).toBeLessThan(0);
    expect(compareScores({ ...base, served: 1, soft: 1e9 }, base)).toBeLessThan(0);
    expect(compareScores({ ...base, hard: 1, medium: 0 }, base)).toBeGreaterThan(0);
    expect(compareScores(base, { ...base })).toBe(0);
  });

  it("weights of the medium and served tiers cannot be switched off", () => {
    expect(WeightOverrides.safeParse({ "unmet-hours": 0 }).success).toBe(false);
    expect(WeightOverrides.safeParse({ "patients-short": 0 }).success).toBe(false);
    expect(WeightOverrides.safeParse({ "extra-hours": 0 }).success).toBe(true);
  });
});
