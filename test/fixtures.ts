// Small hand-built scenarios for exact expectations.
import { Scenario, type ScenarioInput } from "../src/domain/index.js";

type PatientInput = ScenarioInput["patients"][number];

export const WEEK = "2026-11-30";

export function patient(id: string, extra: Partial<PatientInput> = {}): PatientInput {
  return { id, level: "iop", track: "substance-use", admissionDate: "2026-11-01", ...extra };
}

export function evening(days: string[]): ScenarioInput["slots"] {
  return days.map((day) => ({ id: `${day}-eve`, day: day as "mon", start: "18:00", end: "21:00", part: "evening" as const }));
}

export function facilitator(id: string, extra: Partial<ScenarioInput["facilitators"][number]> = {}): ScenarioInput["facilitators"][number] {
  return {
    id,
    credentials: ["LADC"],
    tracks: ["substance-use"],
    availability: [{ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "08:00", end: "22:00" }],
    maxHoursPerWeek: 30,
    ...extra,
  };
}

export function scenarioInput(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    clinic: { id: "test-clinic", timeZone: "America/Chicago", weekStart: WEEK },
    program: "generic-iop",
    rooms: [{ id: "R1", capacity: 12 }],
    slots: evening(["mon", "wed", "fri"]),
    facilitators: [facilitator("F1")],
    patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`)),
    ...extra,
  };
}

export function scenario(extra: Partial<ScenarioInput> = {}): Scenario {
  return Scenario.parse(scenarioInput(extra));
}

/** The command-line arguments that read the shipped Ohio clinic from its spreadsheets. */
export const OHIO_CSV_ARGS = [
  "--clinic",
  "scenarios/ohio-60/clinic.json",
  "--patients",
  "scenarios/ohio-60/patients.csv",
  "--facilitators",
  "scenarios/ohio-60/facilitators.csv",
];

/** A roster without its wall-clock figures (solve time, when it was proven), which no seed repeats. */
export function withoutClock<R extends { solver: { timeMs: number; provenAtMs: number | null } }>(roster: R): R {
  return { ...roster, solver: { ...roster.solver, timeMs: 0, provenAtMs: roster.solver.provenAtMs === null ? null : 0 } };
}
