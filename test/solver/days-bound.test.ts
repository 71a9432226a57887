// Billable days: the roster's unmetDaysBound (per patient, the days no group time they can reach makes billable,
// H0015's 3 h on each of 3 days for IOP) printed as proven when met; a plan whose hours cannot make its level's
// days warned at input; and a day short's reason never blaming too few patients when enough can come.
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, SolveOptions, unmetDaysOf } from "../../src/domain/index.js";
import { formatRoster } from "../../src/io/cli/table.js";
import { explainShortfall } from "../../src/solver/explain.js";
import { daysForUnmetHours } from "../../src/solver/bound.js";
import { compile } from "../../src/solver/model.js";
import { reachOf } from "../../src/solver/reach.js";
import { solve } from "../../src/solver/solve.js";
import { State } from "../../src/solver/state.js";
import { evening, facilitator, patient, scenario } from "../fixtures.js";

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

describe("billable days the staff's hours cannot make", () => {
  // One lead with 6 h a week for six IOP patients in a room of six: two 3-hour evenings, 3 h short each, so each a
  // billable day short.
  const week = scenario({
    rooms: [{ id: "R1", capacity: 6 }],
    slots: evening(["mon", "tue", "wed", "thu", "fri"]),
    facilitators: [facilitator("F1", { maxHoursPerWeek: 6 })],
    patients: Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`)),
  });

  it("are counted from the unmet-hours bound: 3 h short of IOP's 3 days of 3 h costs a day", () => {
    const model = compile(week);
    expect(daysForUnmetHours(model, 0)).toBe(0);
    expect(daysForUnmetHours(model, 3)).toBe(1);
    expect(daysForUnmetHours(model, 3.5)).toBe(2);
    expect(daysForUnmetHours(model, 18)).toBe(6);
    // An aftercare patient has no day rule: their hour is the first to go, and costs no day.
    const withAftercare = compile(scenario({ ...week, patients: [...week.patients, patient("A1", { level: "aftercare" })] }));
    const aftercare = withAftercare.patients[6];
    expect(aftercare.minDays).toBe(0);
    expect(daysForUnmetHours(withAftercare, aftercare.required)).toBe(0);
    expect(daysForUnmetHours(withAftercare, aftercare.required + 3)).toBe(1);
  });

  it("prove the roster's days where no patient's windows would", () => {
    const roster = solve(week, SolveOptions.parse({ seed: 1, maxIterations: 3000 }));
    expect(roster.metrics.totalUnmetHours).toBe(18);
    expect(unmetDaysOf(roster)).toBe(6);
    expect(roster.solver.unmetHoursBound).toBe(18);
    expect(roster.solver.unmetDaysBound).toBe(6);
  });
});

describe("billable days the staff's week cannot make though every hour is served", () => {
  it("are counted from the hours the staff can serve and the fewest hours a billable day takes", () => {
    // Eight PHP patients, a 3-hour and a 2.5-hour block each weekday: a billable day (4 h) takes both, 5.5 h. One
    // lead of 22 h a week leads four such days to a room of eight: 176 patient-hours, 32 billable days of the 40.
    const days = ["mon", "tue", "wed", "thu", "fri"] as const;
    const week = scenario({
      rooms: [{ id: "R1", capacity: 8 }],
      slots: days.flatMap((day) => [
        { id: `${day}-am`, day, start: "09:00", end: "12:00", part: "day" as const },
        { id: `${day}-pm`, day, start: "12:30", end: "15:00", part: "day" as const },
      ]),
      facilitators: [facilitator("F1", { maxHoursPerWeek: 22 })],
      patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`, { level: "php" })),
    });
    const roster = solve(week, SolveOptions.parse({ seed: 1, maxIterations: 5000 }));
    expect(roster.metrics.totalUnmetHours).toBe(0);
    expect(unmetDaysOf(roster)).toBe(8);
    expect(roster.solver.unmetDaysBound).toBe(8);
  });
});

describe("a plan below its level's day rule", () => {
  const days = ["mon", "tue", "wed", "thu", "fri"] as const;
  const week = scenario({
    slots: days.flatMap((day) => [
      { id: `${day}-am`, day, start: "09:00", end: "11:30", part: "day" as const },
      { id: `${day}-pm`, day, start: "12:00", end: "14:30", part: "day" as const },
    ]),
    patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`, { level: "php" })),
  });

  it("is warned at input, and the roster books the band's hours to make every day billable", () => {
    const roster = solve(week, SolveOptions.parse({ seed: 1 }));
    const warnings = roster.warnings.filter((w) => w.code === "plan-below-day-rule");
    expect(warnings.map((w) => w.subject)).toEqual(week.patients.map((p) => p.id));
    expect(warnings[0].message).toBe(
      "P1: the plan's 20 h cannot make 5 billable days of 4 h (Partial hospitalization / day program (ASAM 2.5)) from the group times they can reach: that takes 25 h; the roster books up to the band's 30 h for the days, or set targetHours",
    );
    expect(unmetDaysOf(roster)).toBe(0);
    expect(roster.patients.every((p) => p.scheduledHours === 25)).toBe(true);
  });
});

describe("a day short's reason", () => {
  it("never says too few patients can come when enough can: it says the group was not opened, and why a day needs more", () => {
    const week = scenario({
      slots: ["mon", "tue", "wed", "thu", "fri"].flatMap((day) => [
        { id: `${day}-am`, day: day as "mon", start: "09:00", end: "11:30", part: "day" as const },
        { id: `${day}-pm`, day: day as "mon", start: "12:00", end: "14:30", part: "day" as const },
      ]),
      patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`, { level: "php" })),
    });
    const model = compile(week);
    // The empty week: every group time could hold a group of all eight, and none is open.
    const reason = explainShortfall(new State(model, DEFAULT_WEIGHTS), 0, reachOf(model, 0));
    expect(reason).not.toContain("too few patients can come");
    expect(reason).toContain(
      "Mon 09:00–11:30 a group could meet (8 patients can come), but the search found no better week with it; alone it would not make the day billable (4 h a day)",
    );
  });
});
