// A patient's life over a simulated stay: admission, the topics they hear, no-shows, milestones and discharge.
// Every rate here is our assumption for the simulation, not a source's; each is named so a reader can change it.
import { DateTime } from "luxon";
import type { Patient, ProgramModel, Roster, Scenario } from "../../src/domain/index.js";
import { familyPlan } from "../../src/generator/whole-week.js";
import { Random } from "../../src/solver/random.js";

export const RATES = {
  /** A patient misses a session they are booked into. */
  noShow: 0.08,
  /** A patient leaves before the planned length, each week. */
  dropout: 0.015,
  /** Once past the weeks below at a level, the chance a milestone is met in a week. */
  milestone: 0.5,
  /** Weeks at a level before a milestone can move a patient down. */
  weeksBeforeStepDown: { php: 2, iop: 4, outpatient: 3 } as { readonly [level: string]: number },
  /** Levels of care of new admissions. */
  admissionLevels: [
    ["php", 0.25],
    ["iop", 0.6],
    ["outpatient", 0.15],
  ] as [string, number][],
  /** Planned stays of new admissions, in weeks (seed 004: 8–12 weeks). */
  plannedWeeks: [8, 12] as [number, number],
} as const;

export interface Stay {
  patient: Patient;
  /** Week of the simulation they were admitted in; 0 for patients already in care when it starts. */
  readonly admittedWeek: number;
  /** Every topic heard over the stay, whatever the cycle. */
  readonly heard: Set<string>;
  /** Topics held in a session they were booked into and missed. */
  readonly missed: Set<string>;
  /** Topics held in their track's groups during their stay, whether they were in them or not. */
  readonly heldInTrack: Set<string>;
  weeksAtLevel: number;
  readonly levels: string[];
  /** Group sessions attended over the stay. */
  sessions: number;
  discharged?: { week: number; why: "completed" | "left" };
}

/** A new patient at a level drawn from the admission mix, living the life of a current patient of that level. */
export function admit(random: Random, current: readonly Patient[], id: string, weekStart: string, week: number): Stay {
  const level = pick(random, RATES.admissionLevels);
  const like = random.pick(current.filter((p) => p.level === level));
  const [lo, hi] = RATES.plannedWeeks;
  const admissionDate = DateTime.fromISO(weekStart)
    .plus({ days: random.int(3) })
    .toISODate()!;
  const family = familyPlan(random);
  // Their life (work, school, childcare, travel) is a current patient's; their plan is their own.
  const { targetHours: _hours, primaryTherapistId: _therapist, family: _family, ...life } = like;
  const patient: Patient = {
    ...life,
    id,
    level,
    admissionDate,
    completedTopics: [],
    oneOff: [],
    plannedWeeks: lo + random.int(hi - lo + 1),
    levelHistory: [{ level, from: admissionDate }],
    ...(family ? { family } : {}),
  };
  return {
    patient,
    admittedWeek: week,
    heard: new Set(),
    missed: new Set(),
    heldInTrack: new Set(),
    weeksAtLevel: 0,
    levels: [level],
    sessions: 0,
  };
}

function pick(random: Random, shares: readonly [string, number][]): string {
  let r = random.next();
  for (const [value, share] of shares) if ((r -= share) <= 0) return value;
  return shares[shares.length - 1][0];
}

/** After the week: who came to what (no-shows drawn), the topics they heard, and the therapist they now have. */
export function attend(random: Random, records: Map<string, Stay>, roster: Roster): number {
  let noShows = 0;
  for (const s of roster.sessions) {
    // Held in their track while they were in care: after admission, not after discharge.
    for (const r of records.values())
      if (!r.discharged && r.patient.track === s.track && r.patient.admissionDate <= s.start.slice(0, 10)) r.heldInTrack.add(s.topic);
    for (const id of s.patientIds) {
      const r = records.get(id)!;
      if (random.next() < RATES.noShow) {
        noShows++;
        r.missed.add(s.topic);
        continue;
      }
      r.heard.add(s.topic);
      r.sessions++;
      if (!r.patient.completedTopics.includes(s.topic)) r.patient.completedTopics = [...r.patient.completedTopics, s.topic];
    }
  }
  for (const s of roster.individualSessions) {
    const r = records.get(s.patientId)!;
    r.patient = { ...r.patient, primaryTherapistId: s.therapistId };
  }
  return noShows;
}

/** Milestones and discharges at the end of a week; returns who stepped down and who left. */
export function endOfWeek(
  random: Random,
  records: Map<string, Stay>,
  scenario: Scenario,
  week: number,
  program: ProgramModel,
): { stepped: string[]; left: string[] } {
  const nextMonday = DateTime.fromISO(scenario.clinic.weekStart).plus({ days: 7 }).toISODate()!;
  const stepped: string[] = [];
  const left: string[] = [];
  for (const r of records.values()) {
    if (r.discharged) continue;
    r.weeksAtLevel++;
    const weekOfStay = Math.floor(DateTime.fromISO(nextMonday).diff(DateTime.fromISO(r.patient.admissionDate), "days").days / 7);
    const planned = r.patient.plannedWeeks ?? program.plannedWeeks ?? 12;
    if (weekOfStay >= planned) {
      r.discharged = { week, why: "completed" };
      left.push(r.patient.id);
      continue;
    }
    if (random.next() < RATES.dropout) {
      r.discharged = { week, why: "left" };
      left.push(r.patient.id);
      continue;
    }
    const next = program.levels.find((l) => l.id === r.patient.level)?.stepsDownTo;
    const wait = RATES.weeksBeforeStepDown[r.patient.level];
    if (next && wait !== undefined && r.weeksAtLevel >= wait && random.next() < RATES.milestone) {
      const history = r.patient.levelHistory ?? [{ level: r.patient.level, from: r.patient.admissionDate }];
      r.patient = { ...r.patient, level: next, levelHistory: [...history, { level: next, from: nextMonday }] };
      delete r.patient.targetHours;
      r.levels.push(next);
      r.weeksAtLevel = 0;
      stepped.push(r.patient.id);
    }
  }
  return { stepped, left };
}
