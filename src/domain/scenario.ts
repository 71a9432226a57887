// One clinic's week as the coordinator hands it in: slots, rooms, facilitators, program model and patients.
import { DateTime } from "luxon";
import { z } from "zod";
import { pinConflicts } from "./calendar.js";
import { PROGRAM_MODELS } from "./catalog.js";
import { GroupSize, Id, ProgramModel } from "./program.js";
import { coreTopics } from "./stay.js";
import { Label } from "./text.js";
import { IsoDate, LocalTime, TimeZone, Weekday, minutesOf } from "./time.js";

/**
 * Largest lists a scenario may hold. Zod checks a list's length before its items, so an oversized list is refused
 * in one issue, not one per item (a body of a million zeros must not become a million errors).
 */
export const LIMITS = {
  patients: 100_000,
  facilitators: 10_000,
  rooms: 10_000,
  slots: 5_000,
  windows: 100,
  topics: 1_000,
  /** Levels, tracks or topics one slot names: every export prints a slot's levels beside each of its groups. */
  perSlot: 50,
} as const;

export const Part = z.enum(["day", "evening"]);
export type Part = z.infer<typeof Part>;

/** Two local times of one day, the second after the first: absent both, the whole day. */
const partOfDay = (w: { start?: string; end?: string }) =>
  (w.start === undefined) === (w.end === undefined) && (w.start === undefined || w.end! > w.start);

export const Closure = z
  .strictObject({
    date: IsoDate,
    // What the coordinator calls it (Christmas Day, staff training): reasons and the validator quote it.
    label: Label.min(1),
    start: LocalTime.optional(),
    end: LocalTime.optional(),
  })
  .refine(partOfDay, {
    error: "expected both start and end (a part of the day, end after start) or neither (the whole day)",
    path: ["end"],
  })
  .meta({ description: "A day, or part of one (start and end), when the clinic is closed" });
export type Closure = z.infer<typeof Closure>;

/** A facilitator's days off, from and to inclusive (vacation, sick leave). */
export const Leave = z
  .strictObject({ from: IsoDate, to: IsoDate, label: Label.optional() })
  .refine((l) => l.to >= l.from, { error: "expected to on or after from", path: ["to"] });
export type Leave = z.infer<typeof Leave>;

export const Clinic = z.strictObject({
  id: Id,
  name: Label.optional(),
  timeZone: TimeZone.meta({
    description:
      "The clinic's IANA time zone (Area/Location, e.g. America/Chicago); abbreviations and fixed offsets such as EST are refused",
  }),
  /** The Monday the roster's week starts on, in the clinic's zone. */
  // A text that is no ISO date gets that message alone, not "not a Monday" as well.
  weekStart: IsoDate.refine((d) => !DateTime.fromISO(d).isValid || DateTime.fromISO(d).weekday === 1, {
    error: "weekStart must be a Monday",
  }).meta({
    description: "The Monday the week starts on (YYYY-MM-DD), in the clinic's zone",
  }),
  /** Overrides the program model's group size for every track. */
  groupSize: GroupSize.optional(),
  /** Overrides per track (a payer that caps groups at 8, say). */
  trackGroupSize: z.record(Id, GroupSize).optional(),
  /**
   * Credentials that may lead each track, as this clinic's state licenses them (Ohio's LICDC, say); replaces the
   * program model's list for that track, which is our assumption, not a rule.
   */
  trackCredentials: z.record(Id, z.array(Label.min(1)).nonempty()).optional(),
  /** Book drug tests with the roster, at the frequency each level of care sets. */
  drugTesting: z.boolean().optional(),
  /** Days (or parts of days) the clinic is closed: nothing is booked then. */
  closures: z.array(Closure).max(LIMITS.windows).optional(),
});

export const Room = z.strictObject({
  id: Id,
  capacity: z.number().int().min(1).max(200),
  /** Whole days the room cannot be used (repairs, another use), from and to inclusive, as a facilitator's leave. */
  outOfService: z.array(Leave).max(LIMITS.windows).optional(),
});
export type Room = z.infer<typeof Room>;

/** Times that are not HH:MM already have their own error; only two valid ones are compared. */
function endsAfterStart(error: string) {
  const check = (s: { start: string; end: string }) =>
    !LocalTime.safeParse(s.start).success || !LocalTime.safeParse(s.end).success || minutesOf(s.end) > minutesOf(s.start);
  return [check, { error, path: ["end"] as PropertyKey[] }] as const;
}

export const Slot = z
  .strictObject({
    id: Id,
    day: Weekday,
    start: LocalTime,
    end: LocalTime.meta({ description: "HH:MM, after start on the same day (a group slot never crosses midnight)" }),
    part: Part,
    /** Levels of care that may attend; absent = all of the program's levels. */
    levels: z.array(Id).nonempty().max(LIMITS.perSlot).optional(),
    /** Tracks that may meet; absent = all. */
    tracks: z.array(Id).nonempty().max(LIMITS.perSlot).optional(),
    /** Topics this slot is for (the Matrix 50-minute early-recovery slot); absent = any topic. */
    topics: z.array(Id).nonempty().max(LIMITS.perSlot).optional(),
  })
  .refine(...endsAfterStart("a group slot must end after it starts, the same day"));
export type Slot = z.infer<typeof Slot>;

export const WeeklyWindow = z.strictObject({
  days: z.array(Weekday).nonempty(),
  start: LocalTime,
  /** At or before start means the window runs past midnight (a 22:00–06:00 night shift). */
  end: LocalTime,
});
export type WeeklyWindow = z.infer<typeof WeeklyWindow>;

export const WindowKind = z.enum(["work", "school", "childcare", "other"]);

export const UnavailableWindow = WeeklyWindow.extend({ kind: WindowKind });
export type UnavailableWindow = z.infer<typeof UnavailableWindow>;

const OffsetDateTime = z.iso.datetime({
  offset: true,
  local: true,
  error: "expected an ISO date-time such as 2026-11-30T14:00 or 2026-11-30T14:00-06:00",
});

export const OneOffWindow = z
  .strictObject({ start: OffsetDateTime, end: OffsetDateTime, kind: WindowKind })
  .refine((w) => DateTime.fromISO(w.end, { setZone: true }) > DateTime.fromISO(w.start, { setZone: true }), {
    error: "a one-off window must end after it starts",
    path: ["end"],
  });
export type OneOffWindow = z.infer<typeof OneOffWindow>;

export const Facilitator = z.strictObject({
  id: Id,
  credentials: z.array(Label.min(1)).nonempty(),
  /** Tracks whose groups they may lead; empty for a clinician who sees patients one-to-one only. */
  tracks: z.array(Id),
  /** Topics they may lead; absent = every topic of their tracks. */
  topics: z.array(Id).nonempty().optional(),
  availability: z.array(WeeklyWindow).max(LIMITS.windows),
  maxHoursPerWeek: z.number().positive().max(80),
  /**
   * Patients they may be primary therapist to; set, it makes them a therapist and the roster books one-to-one
   * sessions (AZ S9480 caps a caseload at 16).
   */
  caseload: z.number().int().min(0).max(200).optional(),
  /** Whole days off this week or around it: they lead nothing and see no one then. */
  leave: z.array(Leave).max(LIMITS.windows).optional(),
});
export type Facilitator = z.infer<typeof Facilitator>;

export const Patient = z.strictObject({
  /** Pseudonymous: never a name, record number or anything that identifies a person outside the clinic. */
  id: Id,
  level: Id,
  track: Id,
  /** Weekly hours the treatment plan sets, inside the level's band; absent = the level's default. */
  targetHours: z.number().positive().optional(),
  preference: z.enum(["day", "evening", "any"]).default("any"),
  unavailable: z.array(UnavailableWindow).max(LIMITS.windows).default([]),
  oneOff: z.array(OneOffWindow).max(LIMITS.windows).default([]),
  travelBufferMinutes: z.number().int().min(0).max(240).default(0),
  admissionDate: IsoDate,
  /**
   * Topics of the track heard during the stay. Once all are heard every topic weighs the same again, so the cycle
   * starts over without clearing the list.
   */
  completedTopics: z.array(Id).max(LIMITS.topics).default([]),
  /**
   * Core topics they missed last week (absent or excused; the week's record sets them): the roster seats them in a
   * group on the topic where it can, else leaves it for the one-to-one.
   */
  makeUps: z.array(Id).max(LIMITS.topics).optional(),
  /** Their own therapist for one-to-one sessions; absent = the roster assigns one with room in their caseload. */
  primaryTherapistId: Id.optional(),
  /** The plan includes the weekly family group; members is how many family members come (counted, never named). */
  family: z.strictObject({ members: z.number().int().min(0).max(12) }).optional(),
  /** Planned length of the stay in weeks; absent = the program's. */
  plannedWeeks: z.number().int().min(1).max(104).optional(),
  /**
   * Levels of care over the stay, oldest first: the first from admission, each later one from the Monday after the
   * milestone that moved them. The last one that has begun by this week is the level in force, and must be `level`.
   */
  levelHistory: z
    .array(z.strictObject({ level: Id, from: IsoDate }))
    .min(1)
    .max(52)
    .optional(),
});
export type Patient = z.infer<typeof Patient>;

/**
 * Where a returning patient was last week: one entry per group they attended, by group time and lead (from the
 * published roster; continuity.ts makes them). The solve prefers to keep them (the cohort-change term).
 */
export const PreviousPlacement = z.strictObject({ patientId: Id, slotId: Id, facilitatorId: Id });
export type PreviousPlacement = z.infer<typeof PreviousPlacement>;

/** A time the clinic holds its weekly family group (usually an evening); the program model sets its capacity. */
export const FamilyGroupTime = z
  .strictObject({ id: Id, day: Weekday, start: LocalTime, end: LocalTime })
  .refine(...endsAfterStart("a family group must end after it starts, the same day"));
export type FamilyGroupTime = z.infer<typeof FamilyGroupTime>;

/**
 * What is already published and must not move: a group that meets at a time (with its lead and room when named;
 * a facilitator's group is a group pin with its lead), or a patient's place in a group of their track at a time.
 */
export const Pin = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("group"), slotId: Id, track: Id, facilitatorId: Id.optional(), roomId: Id.optional() }),
  z.strictObject({ kind: z.literal("patient"), patientId: Id, slotId: Id }),
]);
export type Pin = z.infer<typeof Pin>;

const ScenarioShape = z.strictObject({
  clinic: Clinic,
  program: z.union([
    Id.meta({ description: "A shipped program model by id (GET /v1/models)", enum: [...PROGRAM_MODELS.keys()] }),
    ProgramModel,
  ]),
  rooms: z.array(Room).min(1).max(LIMITS.rooms),
  slots: z.array(Slot).min(1).max(LIMITS.slots),
  facilitators: z.array(Facilitator).min(1).max(LIMITS.facilitators),
  patients: z.array(Patient).max(LIMITS.patients),
  /** Last week's cohorts; a placement of a patient or slot this week does not have is simply not kept. */
  previous: z
    .array(PreviousPlacement)
    .max(LIMITS.patients * 14)
    .optional(),
  /** Last week's one-to-one therapist of each returning patient (set from last week's roster): who changed is shown. */
  previousTherapists: z
    .array(z.strictObject({ patientId: Id, therapistId: Id }))
    .max(LIMITS.patients)
    .optional(),
  /**
   * The rolling core cycle (set by next week from the record): per track and level, the core topics its groups open
   * to the level have not held in the level's phase less one week. Held this week, every run of phaseWeeks holds
   * the whole core (the term core-cycle).
   */
  coreDue: z
    .array(z.strictObject({ track: Id, level: Id, topics: z.array(Id).max(LIMITS.topics) }))
    .max(200)
    .optional(),
  /** When the family group meets; with it, patients whose plan includes the family program are booked into one. */
  familyGroups: z.array(FamilyGroupTime).max(LIMITS.slots).optional(),
  /** Published assignments the solve keeps as they are; the validator checks each (rule "pins"). */
  pins: z
    .array(Pin)
    .max(LIMITS.patients * 14)
    .optional(),
});

type Issue = { path: PropertyKey[]; message: string };

function duplicates(ids: readonly string[], path: string, issues: Issue[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issues.push({ path: [path, i, "id"], message: `duplicate id: entry ${ids.indexOf(id)} has the same one` });
    seen.add(id);
  });
}

/** Each pin names a slot, track, lead, room and patient the scenario has, and a slot open to that track. */
function pinReferences(s: z.infer<typeof ScenarioShape>, tracks: ReadonlyMap<string, unknown>, issues: Issue[]): void {
  const slots = new Map(s.slots.map((x) => [x.id, x]));
  const facilitators = new Set(s.facilitators.map((f) => f.id));
  const rooms = new Set(s.rooms.map((r) => r.id));
  const patients = new Map(s.patients.map((p) => [p.id, p]));
  s.pins?.forEach((pin, i) => {
    const at = (field: string, message: string) => issues.push({ path: ["pins", i, field], message });
    const slot = slots.get(pin.slotId);
    if (!slot) at("slotId", `unknown slot; expected ${oneOf(slots.keys())}`);
    if (pin.kind === "group") {
      if (!tracks.has(pin.track)) at("track", "unknown track");
      else if (slot?.tracks && !slot.tracks.includes(pin.track)) at("track", "this slot is not open to that track");
      if (pin.facilitatorId !== undefined && !facilitators.has(pin.facilitatorId))
        at("facilitatorId", `unknown facilitator; expected ${oneOf(facilitators)}`);
      if (pin.roomId !== undefined && !rooms.has(pin.roomId)) at("roomId", `unknown room; expected ${oneOf(rooms)}`);
      return;
    }
    const patient = patients.get(pin.patientId);
    if (!patient) return at("patientId", "no patient of this week has that id");
    if (slot?.tracks && !slot.tracks.includes(patient.track)) at("slotId", "this slot is not open to the patient's track");
    if (slot?.levels && !slot.levels.includes(patient.level)) at("slotId", "this slot is not open to the patient's level");
  });
}

/** The ids a reference may name, as a problem lists them after "expected": the first 50, then how many more. */
function oneOf(ids: Iterable<string>): string {
  const all = [...ids];
  if (all.length === 0) return "none (there is none to name)";
  return `one of ${all.slice(0, 50).join(", ")}${all.length > 50 ? ` and ${all.length - 50} more` : ""}`;
}

/** The week in force from a level history: the last entry begun by the week's Sunday (a later one is a Monday). */
export function levelInForce(history: readonly { level: string; from: string }[], weekStart: string): string | undefined {
  const sunday = DateTime.fromISO(weekStart).plus({ days: 6 }).toISODate()!;
  return history.filter((h) => h.from <= sunday).at(-1)?.level;
}

/** Therapists, caseloads, the family program and level histories refer to what the scenario and program have. */
function serviceReferences(s: z.infer<typeof ScenarioShape>, program: ProgramModel, issues: Issue[]): void {
  const facilitators = new Map(s.facilitators.map((f, i) => [f.id, i]));
  const named = new Map<number, number>();
  const levels = new Set(program.levels.map((l) => l.id));
  if (s.familyGroups?.length && !program.familyProgram)
    issues.push({ path: ["familyGroups"], message: "the program model has no family program (familyProgram)" });
  duplicates(
    (s.familyGroups ?? []).map((g) => g.id),
    "familyGroups",
    issues,
  );
  s.patients.forEach((p, i) => {
    const at = (path: PropertyKey[], message: string) => issues.push({ path: ["patients", i, ...path], message });
    if (p.primaryTherapistId !== undefined) {
      const f = facilitators.get(p.primaryTherapistId);
      if (f === undefined)
        at(
          ["primaryTherapistId"],
          `unknown facilitator; expected a therapist with a caseload: ${oneOf(s.facilitators.filter((t) => t.caseload !== undefined).map((t) => t.id))}`,
        );
      else if (s.facilitators[f].caseload === undefined)
        at(["primaryTherapistId"], `this facilitator has no caseload (facilitators[${f}].caseload)`);
      else named.set(f, (named.get(f) ?? 0) + 1);
    }
    if (p.family && !program.familyProgram) at(["family"], "the program model has no family program (familyProgram)");
    const history = p.levelHistory ?? [];
    history.forEach((h, j) => {
      if (!levels.has(h.level)) at(["levelHistory", j, "level"], "unknown level");
      if (j === 0) return;
      if (DateTime.fromISO(h.from).weekday !== 1)
        at(["levelHistory", j, "from"], "a later level begins on a Monday: the week after the milestone that moved them");
      if (h.from <= history[j - 1].from) at(["levelHistory", j, "from"], "expected after the entry before it");
    });
    if (history.length > 0 && levelInForce(history, s.clinic.weekStart) !== p.level)
      at(["level"], "expected the level in force this week by levelHistory");
  });
  for (const [f, count] of named) {
    const caseload = s.facilitators[f].caseload ?? 0;
    if (count > caseload)
      issues.push({
        path: ["facilitators", f, "caseload"],
        message: `${count} patients name this facilitator as primary therapist, above the caseload`,
      });
  }
}

/** Cross-references that a field-by-field schema cannot see: ids, levels, tracks, topics, bands. */
function crossCheck(s: z.infer<typeof ScenarioShape>, issues: Issue[]): void {
  const program = typeof s.program === "string" ? PROGRAM_MODELS.get(s.program) : s.program;
  if (!program) {
    issues.push({
      path: ["program"],
      message: `unknown program model "${s.program}"; expected one of ${[...PROGRAM_MODELS.keys()].join(", ")}`,
    });
    return;
  }
  for (const list of ["rooms", "slots", "facilitators", "patients"] as const) {
    duplicates(
      s[list].map((x) => x.id),
      list,
      issues,
    );
  }
  const levels = new Map(program.levels.map((l) => [l.id, l]));
  const tracks = new Map(program.tracks.map((t) => [t.id, t]));
  const topics = new Set(program.curricula.flatMap((c) => c.topics.map((t) => t.id)));
  const levelList = [...levels.keys()].join(", ");
  const trackList = [...tracks.keys()].join(", ");
  const topicList = oneOf(topics);
  for (const field of ["trackGroupSize", "trackCredentials"] as const) {
    for (const track of Object.keys(s.clinic[field] ?? {})) {
      if (!tracks.has(track))
        issues.push({ path: ["clinic", field, track], message: `unknown track "${track}"; expected one of ${trackList}` });
    }
  }
  s.slots.forEach((slot, i) => {
    slot.levels?.forEach((l, j) => {
      if (!levels.has(l)) issues.push({ path: ["slots", i, "levels", j], message: `unknown level "${l}"; expected one of ${levelList}` });
    });
    slot.tracks?.forEach((t, j) => {
      if (!tracks.has(t)) issues.push({ path: ["slots", i, "tracks", j], message: `unknown track "${t}"; expected one of ${trackList}` });
    });
    slot.topics?.forEach((t, j) => {
      if (!topics.has(t)) issues.push({ path: ["slots", i, "topics", j], message: `unknown topic "${t}"; expected ${topicList}` });
    });
  });
  s.facilitators.forEach((f, i) => {
    f.tracks.forEach((t, j) => {
      if (!tracks.has(t))
        issues.push({ path: ["facilitators", i, "tracks", j], message: `unknown track "${t}"; expected one of ${trackList}` });
    });
    f.topics?.forEach((t, j) => {
      if (!topics.has(t)) issues.push({ path: ["facilitators", i, "topics", j], message: `unknown topic "${t}"; expected ${topicList}` });
    });
  });
  program.sharedGroups.forEach((g, i) => {
    const at = (path: PropertyKey[], message: string) => issues.push({ path: ["program", "sharedGroups", i, ...path], message });
    if (!levels.has(g.level)) at(["level"], `unknown level "${g.level}"; expected one of ${levelList}`);
    const host = tracks.get(g.track);
    if (!host) at(["track"], `unknown track "${g.track}"; expected one of ${trackList}`);
    g.tracks.forEach((t, j) => {
      const guest = tracks.get(t);
      if (!guest) at(["tracks", j], `unknown track "${t}"; expected one of ${trackList}`);
      else if (host && guest.ageBand !== host.ageBand) at(["tracks", j], `an ${guest.ageBand} track cannot meet in ${host.ageBand} groups`);
    });
  });
  s.coreDue?.forEach((d, i) => {
    const at = (path: PropertyKey[], message: string) => issues.push({ path: ["coreDue", i, ...path], message });
    if (!tracks.has(d.track)) return at(["track"], `unknown track "${d.track}"; expected one of ${trackList}`);
    if (!levels.has(d.level)) return at(["level"], `unknown level "${d.level}"; expected one of ${levelList}`);
    const core = coreTopics(program, { level: d.level, track: d.track });
    d.topics.forEach((t, j) => {
      if (!core.includes(t)) at(["topics", j], `expected a core topic of ${d.level} in ${d.track}'s curriculum`);
    });
  });
  pinReferences(s, tracks, issues);
  serviceReferences(s, program, issues);
  s.patients.forEach((p, i) => {
    const level = levels.get(p.level);
    const track = tracks.get(p.track);
    // Patient fields are health data: messages name the path and what is expected, never the value.
    if (!level) issues.push({ path: ["patients", i, "level"], message: `unknown level; expected one of ${levelList}` });
    if (!track) issues.push({ path: ["patients", i, "track"], message: `unknown track; expected one of ${trackList}` });
    p.makeUps?.forEach((t, j) => {
      if (level && track && !coreTopics(program, p).includes(t))
        issues.push({ path: ["patients", i, "makeUps", j], message: "expected a core topic of the patient's level and track" });
    });
    p.completedTopics.forEach((t, j) => {
      if (!topics.has(t))
        issues.push({
          path: ["patients", i, "completedTopics", j],
          message: `unknown topic; expected a topic id of the program's curricula: ${topicList}`,
        });
    });
    if (level && track && p.targetHours !== undefined) {
      const band = level.bands[track.ageBand];
      const tooHigh = band.maxExclusive ? p.targetHours >= band.maxHours : p.targetHours > band.maxHours;
      if (p.targetHours < band.minHours || tooHigh) {
        issues.push({
          path: ["patients", i, "targetHours"],
          message: `expected ${band.minHours}–${band.maxExclusive ? "under " : ""}${band.maxHours} h for ${level.label} (${track.ageBand})`,
        });
      }
    }
  });
}

export const Scenario = ScenarioShape.superRefine((s, ctx) => {
  const issues: Issue[] = [];
  crossCheck(s, issues);
  if (issues.length === 0) issues.push(...pinConflicts(s));
  for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** The program model in force for a valid scenario, with the clinic's group-size and credential overrides applied. */
export function programOf(scenario: Scenario): ProgramModel {
  const base = typeof scenario.program === "string" ? PROGRAM_MODELS.get(scenario.program) : scenario.program;
  if (!base) throw new Error("programOf: scenario was not validated");
  const clinicSize = scenario.clinic.groupSize;
  return {
    ...base,
    groupSize: clinicSize ?? base.groupSize,
    tracks: base.tracks.map((t) => ({
      ...t,
      groupSize: scenario.clinic.trackGroupSize?.[t.id] ?? clinicSize ?? t.groupSize ?? base.groupSize,
      credentials: scenario.clinic.trackCredentials?.[t.id] ?? t.credentials,
    })),
  };
}
