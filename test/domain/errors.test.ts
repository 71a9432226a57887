// Input errors a person can act on: a suggestion for a mistyped key, "required" for a missing one, one message for
// a non-ISO date, and the same problem in many entries told once with a count.
import { describe, expect, it } from "vitest";
import { Scenario, parseWith } from "../../src/domain/index.js";
import { patient, scenarioInput } from "../fixtures.js";

const problems = (edit: (s: Record<string, any>) => void) => {
  const input = structuredClone(scenarioInput()) as Record<string, any>;
  edit(input);
  const parsed = parseWith(Scenario, input);
  return parsed.ok ? [] : parsed.problems;
};

describe("input errors", () => {
  it("suggests the field a mistyped key was meant to be", () => {
    expect(problems((s) => (s.clinic.timeZon = s.clinic.timeZone))).toContainEqual({
      path: "clinic",
      message: 'unknown field "timeZon"; did you mean "timeZone"?',
    });
    expect(problems((s) => (s.rooms[0].capasity = 3))).toContainEqual({
      path: "rooms[0]",
      message: 'unknown field "capasity"; did you mean "capacity"?',
    });
    expect(problems((s) => (s.clinic.colour = "red"))).toContainEqual({ path: "clinic", message: 'unknown field "colour"' });
  });

  it("inside a patient, suggests without repeating the key (it could be health data)", () => {
    const found = problems((s) => (s.patients[2].targetHour = 9));
    expect(found).toEqual([
      { path: "patients[2]", message: '1 unknown field here; only the documented fields are accepted; did you mean "targetHours"?' },
    ]);
  });

  it("a missing field is required", () => {
    expect(problems((s) => delete s.rooms[0].capacity)).toEqual([{ path: "rooms[0].capacity", message: "required: expected number" }]);
  });

  it("a US date is told it is not ISO, and only that", () => {
    expect(problems((s) => (s.clinic.weekStart = "12/07/2026"))).toEqual([
      {
        path: "clinic.weekStart",
        message: "expected an ISO date YYYY-MM-DD such as 2026-12-07 (dates with slashes read differently in the US and elsewhere)",
      },
    ]);
    expect(problems((s) => (s.clinic.weekStart = "2026-12-08"))).toEqual([
      { path: "clinic.weekStart", message: "weekStart must be a Monday" },
    ]);
    // In the right shape but no day of the calendar: told so, not told to use the shape it has.
    expect(problems((s) => (s.clinic.weekStart = "2026-02-30"))).toEqual([
      { path: "clinic.weekStart", message: "expected a date that exists (months 01–12, and a day the month has)" },
    ]);
  });

  it("the same problem in several entries is one line naming the first entries and the count", () => {
    const found = problems((s) => (s.patients = Array.from({ length: 7 }, (_, i) => patient(`P${i}`, { track: "detox" }))));
    expect(found).toEqual([
      {
        path: "patients[0, 1, 2, 3, 4, …].track",
        message: "unknown track; expected one of substance-use, co-occurring, adolescent (7 entries)",
      },
    ]);
    const two = problems((s) => {
      s.patients[1].level = "detox";
      s.patients[4].level = "detox";
    });
    expect(two).toEqual([
      { path: "patients[1, 4].level", message: "unknown level; expected one of aftercare, outpatient, iop, php (2 entries)" },
    ]);
  });
});
