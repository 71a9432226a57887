// A small clinic with the whole week: groups, two therapists who lead no groups, a family group and drug tests.
import { Scenario, type ScenarioInput } from "../../src/domain/index.js";
import { evening, facilitator, patient, scenarioInput } from "../fixtures.js";

type PatientInput = ScenarioInput["patients"][number];

const workday: PatientInput["unavailable"] = [{ kind: "work", days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }];

export function clinician(id: string, start: string, end: string, caseload: number) {
  return facilitator(id, {
    tracks: [],
    credentials: ["LPC"],
    caseload,
    availability: [{ days: ["mon", "tue", "wed", "thu", "fri"], start, end }],
  });
}

export function wholeWeekInput(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return scenarioInput({
    clinic: { id: "test-clinic", timeZone: "America/Chicago", weekStart: "2026-11-30", drugTesting: true },
    rooms: [
      { id: "R1", capacity: 12 },
      { id: "office", capacity: 2 },
      { id: "hall", capacity: 30 },
    ],
    slots: evening(["mon", "wed", "fri"]),
    facilitators: [facilitator("F1"), clinician("T1", "09:00", "18:00", 4), clinician("T2", "12:00", "20:00", 4)],
    familyGroups: [{ id: "tue-family", day: "tue", start: "18:00", end: "19:30" }],
    patients: Array.from({ length: 8 }, (_, i) =>
      patient(`P${i + 1}`, {
        unavailable: workday,
        ...(i < 4 ? { family: { members: 2 } } : {}),
        ...(i === 0 ? { primaryTherapistId: "T2" } : {}),
      }),
    ),
    ...extra,
  });
}

export const wholeWeek = (extra: Partial<ScenarioInput> = {}): Scenario => Scenario.parse(wholeWeekInput(extra));
