// What the simulation plays for the clinic: who comes (no-shows), who leaves, who is admitted, which proposed
// step-downs the clinical team confirms, the holidays. Everything else goes through the product's own record.
// Every rate here is our assumption for the simulation, not a source's; each is named so a reader can change it.
import {
  type AttendanceMark,
  type Patient,
  type Roster,
  type StayRecord,
  type StepDownProposal,
  type WeekChanges,
  daysBetween,
  daysLater,
} from "../../src/domain/index.js";
import { familyPlan } from "../../src/generator/whole-week.js";
import { Random } from "../../src/solver/random.js";

export const RATES = {
  /** A patient misses a group they are booked into. */
  noShow: 0.08,
  /** A patient misses their one-to-one. */
  noShowIndividual: 0.1,
  /** A patient misses the family group. */
  noShowFamily: 0.15,
  /** A patient leaves before the planned length, each week. */
  dropout: 0.015,
  /** The clinical team confirms a proposed step-down (its milestone review) in a given week. */
  milestone: 0.5,
  /** Levels of care of new admissions. */
  admissionLevels: [
    ["php", 0.25],
    ["iop", 0.6],
    ["outpatient", 0.15],
  ] as [string, number][],
  /** Planned stays of new admissions, in weeks (seed 004: 8–12 weeks). */
  plannedWeeks: [8, 12] as [number, number],
} as const;

/** The clinic's holidays over the run: closed all day. */
export const HOLIDAYS = [
  { date: "2026-12-25", label: "Christmas Day" },
  { date: "2027-01-01", label: "New Year's Day" },
  { date: "2027-01-18", label: "Martin Luther King Jr. Day" },
  { date: "2027-02-15", label: "Presidents' Day" },
];

/** The sign-in sheets of a week: each booking present, or absent at the kind's no-show rate. */
export function signIn(random: Random, roster: Roster): AttendanceMark[] {
  const mark = (sessionId: string, patientId: string, rate: number): AttendanceMark => ({
    sessionId,
    patientId,
    status: random.next() < rate ? "absent" : "present",
  });
  return [
    ...roster.sessions.flatMap((s) => s.patientIds.map((p) => mark(s.id, p, RATES.noShow))),
    ...(roster.individualSessions ?? []).map((s) => mark(s.id, s.patientId, RATES.noShowIndividual)),
    ...(roster.familySessions ?? []).flatMap((s) => s.patientIds.map((p) => mark(s.id, p, RATES.noShowFamily))),
  ];
}

/**
 * The coordinator's Friday: stays at their planned length discharged, dropouts drawn, proposed step-downs confirmed
 * at the milestone rate (the record extends the stay by the new level's phase), as many admitted as left, the coming
 * week's holidays closed, and `leave` when a facilitator takes it.
 */
export function fridayChanges(
  random: Random,
  record: ReadonlyMap<string, StayRecord>,
  proposals: readonly StepDownProposal[],
  coming: string,
  like: readonly Patient[],
  idOf: (i: number) => string,
  leave: WeekChanges["leave"] = [],
): WeekChanges {
  const discharge: WeekChanges["discharge"] = [];
  for (const stay of record.values()) {
    if (stay.discharged) continue;
    const planned = stay.patient.plannedWeeks ?? 12;
    if (Math.floor(daysBetween(stay.patient.admissionDate, coming) / 7) >= planned)
      discharge.push({ patientId: stay.patient.id, reason: "completed" });
    else if (random.next() < RATES.dropout) discharge.push({ patientId: stay.patient.id, reason: "left" });
  }
  const leaving = new Set(discharge.map((d) => d.patientId));
  const stepDown = proposals.filter((p) => !leaving.has(p.patientId) && random.next() < RATES.milestone);
  const sunday = daysLater(coming, 6);
  return {
    discharge,
    stepDown: stepDown.map((p) => p.patientId),
    update: [],
    admit: discharge.map((_, i) => admit(random, like, idOf(i), coming)),
    closures: HOLIDAYS.filter((h) => h.date >= coming && h.date <= sunday),
    leave,
  };
}

/** A new patient at a level drawn from the admission mix, living the life of a current patient of that level. */
export function admit(random: Random, current: readonly Patient[], id: string, weekStart: string): Patient {
  const level = pick(random, RATES.admissionLevels);
  const like = random.pick(current.filter((p) => p.level === level));
  const [lo, hi] = RATES.plannedWeeks;
  const admissionDate = daysLater(weekStart, random.int(3));
  const family = familyPlan(random);
  // Their life (work, school, childcare, travel) is a current patient's; their plan is their own.
  const { targetHours: _hours, primaryTherapistId: _therapist, family: _family, ...life } = like;
  return {
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
}

function pick(random: Random, shares: readonly [string, number][]): string {
  let r = random.next();
  for (const [value, share] of shares) if ((r -= share) <= 0) return value;
  return shares[shares.length - 1][0];
}
