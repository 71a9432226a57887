// A stay as the clinic's record: each patient's row as next week's scenario needs it, and per week what they were
// booked into and attended. A published week is closed into the record (attendance is what was heard); next week's
// patients are the record's open stays plus this week's changes (admissions, discharges, new windows, step-downs).
import { z } from "zod";
import { type AttendanceMark, attendedTopics, isAttended } from "./attendance.js";
import { Id, type ProgramModel } from "./program.js";
import type { Roster } from "./roster.js";
import { Closure, type Facilitator, LIMITS, Patient, type Scenario } from "./scenario.js";
import { coreTopics, groupTrackOf } from "./stay.js";
import { Label } from "./text.js";
import { IsoDate, daysBetween, daysLater, weekAfter } from "./time.js";

/** Sessions of one kind in a week: booked, attended (present or late), missed (absent or excused); the rest unmarked. */
export const Tally = z.strictObject({
  booked: z.number().int().min(0),
  attended: z.number().int().min(0),
  missed: z.number().int().min(0),
});
export type Tally = z.infer<typeof Tally>;

export const StayWeek = z.strictObject({
  weekStart: IsoDate,
  /** The published roster the week was closed from. */
  rosterId: z.string(),
  level: Id,
  groups: Tally,
  individual: Tally,
  family: Tally,
  /** Drug tests booked at a session the patient attended: taken; at one they missed: missed. */
  tests: Tally,
  topicsHeard: z.array(Id).max(LIMITS.topics),
  /** Core topics of sessions they were booked into and missed. */
  topicsMissed: z.array(Id).max(LIMITS.topics),
});
export type StayWeek = z.infer<typeof StayWeek>;

export const StayRecord = z.strictObject({
  /** The patient's row as the next week's scenario takes it: level, windows, therapist, topics heard. */
  patient: Patient,
  weeks: z.array(StayWeek).max(104),
  discharged: z.strictObject({ date: IsoDate, reason: Label }).optional(),
});
export type StayRecord = z.infer<typeof StayRecord>;

/**
 * A patient's row to replace fields of: only the fields given change; windows replace the patient's windows of the
 * kinds they give (work, school, childcare, other), the other kinds stay. Defaults are taken off, or an update of
 * the hours would reset the preference and windows to theirs.
 */
export const PatientUpdate = z
  .strictObject(
    Object.fromEntries(
      Object.entries(Patient.shape).map(([key, field]) => [
        key,
        key === "id" ? field : (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
      ]),
    ) as unknown as { [K in keyof typeof Patient.shape]: z.ZodOptional<z.ZodType<z.output<typeof Patient>[K]>> },
  )
  .required({ id: true });
export type PatientUpdate = z.infer<typeof PatientUpdate>;

/** What changes before next week, as the coordinator knows it on Friday. */
export const WeekChanges = z.strictObject({
  admit: z.array(Patient).max(LIMITS.patients).default([]),
  discharge: z
    .array(z.strictObject({ patientId: Id, reason: Label.min(1).default("discharged") }))
    .max(LIMITS.patients)
    .default([]),
  update: z.array(PatientUpdate).max(LIMITS.patients).default([]),
  /** Step-downs the coordinator confirms (the week's proposals list who may): to the level's next level from Monday. */
  stepDown: z.array(Id).max(LIMITS.patients).default([]),
  /** Closures of the coming week (a holiday), added to the clinic's. */
  closures: z.array(Closure).max(LIMITS.windows).default([]),
  /** Facilitators' leave, added to theirs. */
  leave: z
    .array(
      z
        .strictObject({ facilitatorId: Id, from: IsoDate, to: IsoDate, label: Label.optional() })
        .refine((l) => l.to >= l.from, { error: "expected to on or after from", path: ["to"] }),
    )
    .max(LIMITS.windows)
    .default([]),
});
export type WeekChanges = z.infer<typeof WeekChanges>;

const tally = (marks: readonly (string | undefined)[]): Tally => ({
  booked: marks.length,
  attended: marks.filter((m) => m !== undefined && isAttended(m)).length,
  missed: marks.filter((m) => m !== undefined && !isAttended(m)).length,
});

/**
 * The record with a published week closed into it: each patient of the week's scenario gets the week's tallies and
 * the topics they attended; a stay open before and absent from the week is discharged (with `reasons` when the
 * coordinator gave one). Closing the same week again replaces it: the last attendance recorded stands.
 */
export function closeWeek(
  record: ReadonlyMap<string, StayRecord>,
  week: { id: string; scenario: Scenario; roster: Roster },
  marks: readonly AttendanceMark[],
  program: ProgramModel,
  reasons: ReadonlyMap<string, string> = new Map(),
): Map<string, StayRecord> {
  const { scenario, roster } = week;
  const weekStart = scenario.clinic.weekStart;
  const status = new Map(marks.map((m) => [`${m.sessionId} ${m.patientId}`, m.status]));
  const markOf = (sessionId: string, patientId: string) => status.get(`${sessionId} ${patientId}`);
  const groupsOf = new Map<string, { id: string; topic: string }[]>();
  for (const s of roster.sessions) for (const p of s.patientIds) groupsOf.set(p, [...(groupsOf.get(p) ?? []), s]);
  const oneToOnes = new Map<string, string[]>();
  for (const s of roster.individualSessions ?? []) oneToOnes.set(s.patientId, [...(oneToOnes.get(s.patientId) ?? []), s.id]);
  const family = new Map<string, string[]>();
  for (const s of roster.familySessions ?? []) for (const p of s.patientIds) family.set(p, [...(family.get(p) ?? []), s.id]);
  const tests = new Map<string, string[]>();
  for (const t of roster.drugTests ?? []) tests.set(t.patientId, [...(tests.get(t.patientId) ?? []), t.sessionId]);
  const therapistOf = new Map((roster.individualSessions ?? []).map((s) => [s.patientId, s.therapistId]));
  const attended = attendedTopics(roster, marks);

  const next = new Map(record);
  const here = new Set(scenario.patients.map((p) => p.id));
  for (const patient of scenario.patients) {
    // A readmission under a discharged stay's id starts a new stay.
    const before = record.get(patient.id)?.discharged ? undefined : record.get(patient.id);
    const groups = groupsOf.get(patient.id) ?? [];
    const heard = [...(attended.get(patient.id) ?? [])];
    const core = new Set(coreTopics(program, patient));
    const missed = groups.filter((g) => core.has(g.topic) && isMissed(markOf(g.id, patient.id))).map((g) => g.topic);
    const entry: StayWeek = {
      weekStart,
      rosterId: week.id,
      level: patient.level,
      groups: tally(groups.map((g) => markOf(g.id, patient.id))),
      individual: tally((oneToOnes.get(patient.id) ?? []).map((id) => markOf(id, patient.id))),
      family: tally((family.get(patient.id) ?? []).map((id) => markOf(id, patient.id))),
      tests: tally((tests.get(patient.id) ?? []).map((id) => markOf(id, patient.id))),
      topicsHeard: heard,
      topicsMissed: [...new Set(missed)].filter((t) => !heard.includes(t)),
    };
    // The therapist stays the stay's: the coordinator's, else the first the roster gave them.
    // (A therapist away for the week is left out of its scenario, so the record's comes back after the leave.)
    const therapist = patient.primaryTherapistId ?? before?.patient.primaryTherapistId ?? therapistOf.get(patient.id);
    const { makeUps: _done, oneOff: _gone, ...row } = patient;
    next.set(patient.id, {
      patient: {
        ...row,
        oneOff: [],
        completedTopics: [...new Set([...patient.completedTopics, ...heard])],
        ...(therapist ? { primaryTherapistId: therapist } : {}),
      },
      weeks: [...(before?.weeks ?? []).filter((w) => w.weekStart !== weekStart), entry].sort((a, b) =>
        a.weekStart.localeCompare(b.weekStart),
      ),
    });
  }
  for (const [id, stay] of record) {
    if (here.has(id) || stay.discharged || stay.patient.admissionDate > weekStart) continue;
    next.set(id, { ...stay, discharged: { date: weekStart, reason: reasons.get(id) ?? "not on the week's roster" } });
  }
  return next;
}

const isMissed = (status: string | undefined) => status !== undefined && !isAttended(status);

export interface StepDownProposal {
  readonly patientId: string;
  readonly from: string;
  readonly to: string;
  /** Share of booked groups attended at this level, 0–1. */
  readonly attendance: number;
}

/** Stays whose level's core topics are all heard and whose attendance at the level is enough: the coordinator confirms. */
export function stepDownProposals(record: ReadonlyMap<string, StayRecord>, program: ProgramModel): StepDownProposal[] {
  const proposals: StepDownProposal[] = [];
  for (const stay of record.values()) {
    const { patient } = stay;
    const level = program.levels.find((l) => l.id === patient.level);
    if (stay.discharged || !level?.stepsDownTo) continue;
    const heard = new Set(patient.completedTopics);
    if (!coreTopics(program, patient).every((t) => heard.has(t))) continue;
    // A level is lived for its phase at least, even by a patient who heard its core before stepping into it.
    const since = patient.levelHistory?.at(-1)?.from ?? patient.admissionDate;
    const last = stay.weeks.at(-1)?.weekStart;
    if (level.phaseWeeks && (!last || Math.floor(daysBetween(since, last) / 7) + 1 < level.phaseWeeks)) continue;
    const atLevel = stay.weeks.filter((w) => w.level === patient.level);
    const booked = atLevel.reduce((n, w) => n + w.groups.booked, 0);
    const attendance = booked === 0 ? 0 : atLevel.reduce((n, w) => n + w.groups.attended, 0) / booked;
    if (booked > 0 && attendance >= level.stepDownAttendance)
      proposals.push({ patientId: patient.id, from: level.id, to: level.stepsDownTo, attendance: Math.round(attendance * 100) / 100 });
  }
  return proposals;
}

export interface NextWeek {
  readonly scenario: unknown;
  readonly admitted: readonly string[];
  readonly discharged: readonly string[];
  readonly steppedDown: readonly string[];
  /** Problems of the changes, by path into them (admit[2].level); the scenario is not made when there are any. */
  readonly problems: readonly { path: string; message: string }[];
}

/**
 * Next week's scenario input from the last published week's clinic and the record's open stays, with `changes`
 * applied; each patient's core topics missed last week become their make-ups. Parse it with Scenario (the caller
 * adds last week's placements and therapists with withPrevious).
 */
export function nextWeekFrom(
  last: Scenario,
  record: ReadonlyMap<string, StayRecord>,
  changes: WeekChanges,
  program: ProgramModel,
): NextWeek {
  const weekStart = weekAfter(last.clinic.weekStart);
  const problems: { path: string; message: string }[] = [];
  const open = new Map([...record].filter(([, s]) => !s.discharged).map(([id, s]) => [id, s]));
  changes.discharge.forEach((d, i) => {
    if (!open.delete(d.patientId)) problems.push({ path: `discharge[${i}].patientId`, message: "no open stay has that id" });
  });
  const rows = new Map([...open].map(([id, s]) => [id, makeUpsOf(s, weekStart)]));
  const leaving = new Set(changes.discharge.map((d) => d.patientId));
  const noStay = (id: string) => (leaving.has(id) ? "discharged in this week's changes" : "no open stay has that id");
  changes.update.forEach((u, i) => {
    const row = rows.get(u.id);
    if (!row) return problems.push({ path: `update[${i}].id`, message: noStay(u.id) });
    const kinds = new Set(u.unavailable?.map((w) => w.kind));
    const unavailable = u.unavailable && [...row.unavailable.filter((w) => !kinds.has(w.kind)), ...u.unavailable];
    rows.set(u.id, { ...row, ...u, ...(unavailable ? { unavailable } : {}) });
  });
  const steppedDown: string[] = [];
  changes.stepDown.forEach((id, i) => {
    const row = rows.get(id);
    const to = program.levels.find((l) => l.id === row?.level)?.stepsDownTo;
    if (!row) return problems.push({ path: `stepDown[${i}]`, message: noStay(id) });
    if (!to)
      return problems.push({
        path: `stepDown[${i}]`,
        message: `${row.level} is the last level of the program: there is none to step down to`,
      });
    const history = row.levelHistory ?? [{ level: row.level, from: row.admissionDate }];
    const { targetHours: _plan, makeUps: _old, ...rest } = row;
    // The stay lasts at least the new level's phase, or its core could not be heard before discharge.
    const phase = program.levels.find((l) => l.id === to)?.phaseWeeks ?? 0;
    const planned = Math.max(
      row.plannedWeeks ?? program.plannedWeeks ?? 0,
      Math.floor(daysBetween(row.admissionDate, weekStart) / 7) + phase,
    );
    rows.set(id, {
      ...rest,
      level: to,
      levelHistory: [...history, { level: to, from: weekStart }],
      ...(planned > 0 ? { plannedWeeks: Math.min(104, planned) } : {}),
    });
    steppedDown.push(id);
  });
  const sunday = daysLater(weekStart, 6);
  changes.admit.forEach((p, i) => {
    if (rows.has(p.id) || open.has(p.id)) problems.push({ path: `admit[${i}].id`, message: "a stay with that id is open" });
    else if (p.admissionDate > sunday)
      problems.push({ path: `admit[${i}].admissionDate`, message: `after the week of ${weekStart}: admit them with the week they start` });
    else rows.set(p.id, p);
  });
  // Closures and leave over before the week are dropped: a year of holidays would otherwise ride along every week.
  const current = <T extends { to: string }>(days: readonly T[] | undefined) => (days ?? []).filter((d) => d.to >= weekStart);
  const facilitators = new Map<string, Facilitator>(
    last.facilitators.map((f) => {
      const { leave: _old, ...rest } = f;
      return [f.id, current(f.leave).length > 0 ? { ...rest, leave: current(f.leave) } : rest];
    }),
  );
  changes.leave.forEach(({ facilitatorId, ...days }, i) => {
    const f = facilitators.get(facilitatorId);
    if (!f) problems.push({ path: `leave[${i}].facilitatorId`, message: "no facilitator of the clinic has that id" });
    else facilitators.set(facilitatorId, { ...f, leave: [...(f.leave ?? []), days] });
  });
  const closures = [...(last.clinic.closures ?? []), ...changes.closures].filter((c) => c.date >= weekStart);
  const { pins: _published, previous: _placements, previousTherapists: _therapists, ...clinicWeek } = last;
  return {
    scenario: {
      ...clinicWeek,
      clinic: { ...last.clinic, weekStart, ...(closures.length > 0 ? { closures } : {}) },
      facilitators: [...facilitators.values()],
      patients: [...rows.values()],
    },
    admitted: changes.admit.map((p) => p.id),
    discharged: changes.discharge.map((d) => d.patientId),
    steppedDown,
    problems,
  };
}

/** The stay's row for the week after its last closed week: its missed core topics to make up, when it has some. */
function makeUpsOf(stay: StayRecord, weekStart: string): Patient {
  const last = stay.weeks.at(-1);
  const { makeUps: _stale, ...row } = stay.patient;
  const due = last && weekAfter(last.weekStart) === weekStart ? last.topicsMissed : [];
  const heard = new Set(row.completedTopics);
  const makeUps = due.filter((t) => !heard.has(t));
  return makeUps.length > 0 ? { ...row, makeUps } : row;
}

/** A stay in one line's numbers: weeks closed, groups attended of booked, core topics of the level heard. */
export function staySummary(stay: StayRecord, program: ProgramModel) {
  const core = coreTopics(program, stay.patient);
  const heard = new Set(stay.patient.completedTopics);
  const sum = (kind: "groups" | "individual" | "family" | "tests", field: keyof Tally) =>
    stay.weeks.reduce((n, w) => n + w[kind][field], 0);
  return {
    patientId: stay.patient.id,
    level: stay.patient.level,
    weeks: stay.weeks.length,
    groups: { booked: sum("groups", "booked"), attended: sum("groups", "attended"), missed: sum("groups", "missed") },
    individual: { booked: sum("individual", "booked"), attended: sum("individual", "attended") },
    tests: { booked: sum("tests", "booked"), attended: sum("tests", "attended") },
    coreHeard: core.filter((t) => heard.has(t)).length,
    coreTotal: core.length,
    therapistId: stay.patient.primaryTherapistId ?? null,
    discharged: stay.discharged ?? null,
  };
}

/**
 * The rolling core cycle's due topics for `next`'s week: per group track and level with a phase that has patients
 * next week, the level's core topics its groups at times open to the level did not hold in the phase's other weeks
 * (the `recent` published weeks within phaseWeeks − 1 before it).
 */
export function coreDueOf(
  program: ProgramModel,
  next: Scenario,
  recent: readonly { scenario: Scenario; roster: Roster }[],
): NonNullable<Scenario["coreDue"]> {
  const due: NonNullable<Scenario["coreDue"]> = [];
  const combos = new Map(
    next.patients.map((p) => [`${groupTrackOf(program, p)} ${p.level}`, { track: groupTrackOf(program, p), level: p.level }]),
  );
  for (const { track, level } of combos.values()) {
    const phase = program.levels.find((l) => l.id === level)?.phaseWeeks;
    if (!phase) continue;
    const held = new Set<string>();
    for (const week of recent) {
      const back = daysBetween(week.scenario.clinic.weekStart, next.clinic.weekStart) / 7;
      if (back < 1 || back > phase - 1) continue;
      const open = new Set(week.scenario.slots.filter((s) => !s.levels || s.levels.includes(level)).map((s) => s.id));
      for (const s of week.roster.sessions) if (s.track === track && open.has(s.slotId)) held.add(s.topic);
    }
    const topics = coreTopics(program, { level, track }).filter((t) => !held.has(t));
    if (topics.length > 0) due.push({ track, level, topics });
  }
  return due;
}
