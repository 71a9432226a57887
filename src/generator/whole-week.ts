// The week around the groups for a generated clinic: therapists who see patients one-to-one (caseloads of 16, AZ
// S9480's cap), family-group times on Friday evening and the weekend in a hall for 30, families for a quarter of the patients, and
// drug tests. The shares and times are ours, for the samples and the simulation; a clinic states its own.
import type { ScenarioInput, Weekday } from "../domain/index.js";
import { Random } from "../solver/random.js";

const CASELOAD = 16;
const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];
const SHIFTS: ScenarioInput["facilitators"][number]["availability"][] = [
  [{ days: WEEKDAYS, start: "08:00", end: "16:30" }],
  [{ days: ["mon", "tue", "wed", "thu"], start: "12:00", end: "22:00" }],
  [{ days: ["tue", "wed", "thu", "fri", "sat"], start: "10:00", end: "19:00" }],
];

export const FAMILY_GROUPS: NonNullable<ScenarioInput["familyGroups"]> = [
  { id: "fri-family", day: "fri", start: "18:00", end: "19:30" },
  { id: "sat-family", day: "sat", start: "12:30", end: "14:00" },
  { id: "sun-family", day: "sun", start: "15:00", end: "16:30" },
];

/** A patient's family plan: a quarter of patients bring one or two family members (our assumption). */
export function familyPlan(random: Random): { members: number } | undefined {
  return random.next() < 0.25 ? { members: 1 + random.int(2) } : undefined;
}

/** Clinicians enough for every patient at caseload, one spare, across the three shifts. */
export function clinicians(patients: number): ScenarioInput["facilitators"] {
  return Array.from({ length: Math.ceil(patients / CASELOAD) + 1 }, (_, i) => ({
    id: `T${String(i + 1).padStart(2, "0")}`,
    credentials: ["LPC"],
    tracks: [],
    availability: SHIFTS[i % SHIFTS.length],
    maxHoursPerWeek: 40,
    caseload: CASELOAD,
  }));
}

export function withWholeWeek(scenario: ScenarioInput, seed: number): ScenarioInput {
  const random = new Random(seed);
  return {
    ...scenario,
    clinic: { ...scenario.clinic, drugTesting: true },
    // Families need a room larger than a group's.
    rooms: [...scenario.rooms, { id: "hall", capacity: 30 }],
    facilitators: [...scenario.facilitators, ...clinicians(scenario.patients.length)],
    familyGroups: FAMILY_GROUPS,
    patients: scenario.patients.map((p) => {
      const family = familyPlan(random);
      return family ? { ...p, family } : p;
    }),
  };
}
