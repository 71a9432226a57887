// The counts the capacity bounds stand on, each on a clinic small enough to check by hand, and the billable days
// they prove where a patient's own windows prove nothing.
import { describe, expect, it } from "vitest";
import { SolveOptions, unmetDaysOf } from "../../src/domain/index.js";
import { reachAndBound } from "../../src/solver/bound.js";
import { unmetDaysByStaff } from "../../src/solver/capacity-bound.js";
import { compile } from "../../src/solver/model.js";
import { seatLimits } from "../../src/solver/seat-limits.js";
import { solve } from "../../src/solver/solve.js";
import { DEFAULT_WEIGHTS } from "../../src/domain/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"] as const;
const phpDays = WEEKDAYS.map((day) => ({ id: `${day}-php`, day, start: "09:00", end: "14:30", part: "day" as const }));
const dual = (id: string, extra = {}) => facilitator(id, { credentials: ["LCSW"], tracks: ["substance-use", "co-occurring"], ...extra });

describe("seat limits", () => {
  const week = scenario({
    slots: [phpDays[0]],
    rooms: Array.from({ length: 10 }, (_, i) => ({ id: `R${i + 1}`, capacity: 12 })),
    facilitators: Array.from({ length: 10 }, (_, i) => dual(`F${i + 1}`)),
    patients: [
      ...Array.from({ length: 4 }, (_, i) => patient(`S${i + 1}`, { level: "php" })),
      ...Array.from({ length: 4 }, (_, i) => patient(`C${i + 1}`, { level: "php", track: "co-occurring" })),
    ],
  });
  const model = compile(week);
  const T = model.tracks.length;
  const su = model.tracks.findIndex((t) => t.id === "substance-use");
  const co = model.tracks.findIndex((t) => t.id === "co-occurring");

  it("give rooms to tracks whole: 86 and 29 patients fill 113 seats of ten rooms of 12, not 115", () => {
    const heads = new Float64Array(T);
    heads[su] = 86;
    heads[co] = 29;
    const limits = seatLimits(model, heads);
    expect(limits.seats[su]).toBe(86);
    expect(limits.seats[co]).toBe(29);
    expect(limits.slotSeats[0]).toBe(113);
  });

  it("never offer a track more seats than patients who could fill them", () => {
    const heads = new Float64Array(T);
    heads[su] = 5;
    const limits = seatLimits(model, heads);
    expect(limits.seats[su]).toBe(5);
    expect(limits.groupCap[su]).toBe(5);
    expect(limits.seats[co]).toBe(0);
  });

  it("count a lead's week in whole groups: 24 h of 5.5-hour days is 22 h", () => {
    const fiveDays = compile(scenario({ ...week, slots: phpDays, facilitators: [dual("F1", { maxHoursPerWeek: 24 })] }));
    expect(seatLimits(fiveDays, new Float64Array(fiveDays.slots.length * T).fill(8)).leadHours[0]).toBe(22);
  });
});

describe("billable days the staff cannot make", () => {
  it("one lead for a track's day program: 24 h leads four 5.5-hour days, so each of its five patients is a day short", () => {
    const week = scenario({
      slots: phpDays,
      rooms: [
        { id: "R1", capacity: 12 },
        { id: "R2", capacity: 12 },
      ],
      facilitators: [facilitator("F1", { maxHoursPerWeek: 30 }), dual("F2", { tracks: ["co-occurring"], maxHoursPerWeek: 24 })],
      patients: [
        ...Array.from({ length: 6 }, (_, i) => patient(`S${i + 1}`, { level: "php" })),
        ...Array.from({ length: 5 }, (_, i) => patient(`C${i + 1}`, { level: "php", track: "co-occurring" })),
      ],
    });
    const model = compile(week);
    const { reach, unmetDays } = reachAndBound(model, DEFAULT_WEIGHTS);
    // Every patient can reach five billable days on their own.
    expect(unmetDays).toBe(0);
    expect(unmetDaysByStaff(model, reach)).toBe(5);
    const roster = solve(week, SolveOptions.parse({ seed: 1, maxIterations: 5000 }));
    expect(unmetDaysOf(roster)).toBe(5);
    expect(roster.solver.unmetDaysBound).toBe(5);
  });

  it("a track nobody may lead: every day of its patients is short, though the unmet hours could fall on patients without a day rule", () => {
    const week = scenario({
      slots: WEEKDAYS.map((day) => ({ id: `${day}-eve`, day, start: "18:00", end: "21:00", part: "evening" as const })),
      facilitators: [facilitator("F1")],
      patients: [
        ...Array.from({ length: 6 }, (_, i) => patient(`S${i + 1}`, { level: "outpatient" })),
        ...Array.from({ length: 4 }, (_, i) => patient(`C${i + 1}`, { track: "co-occurring" })),
      ],
    });
    const model = compile(week);
    const { reach, unmetDays, unmetHours } = reachAndBound(model, DEFAULT_WEIGHTS);
    expect(unmetHours).toBe(36);
    // Counted from hours alone, the outpatient's plans could take 36 h of it at no day's cost.
    expect(unmetDays).toBeLessThan(12);
    expect(unmetDaysByStaff(model, reach)).toBe(12);
  });
});
