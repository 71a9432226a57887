// Program models as data: levels of care, tracks and curricula. The engine knows no level or topic by name.
import { z } from "zod";
import { Label, Prose } from "./text.js";
import { Weekday } from "./time.js";

/** An id's characters, for patterns that hold one (a calendar's owner, "patient:<id>"). */
export const ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
export const Id = z.string().regex(new RegExp(`^${ID_PATTERN}$`), {
  error: "expected an id of letters, digits, '.', '_' or '-' (at most 64 characters)",
});

export const AgeBand = z.enum(["adult", "adolescent"]);
export type AgeBand = z.infer<typeof AgeBand>;

export const HourBand = z
  .strictObject({
    minHours: z.number().min(0),
    maxHours: z.number().positive(),
    /** "under 9 h" (ASAM 1) is a strict bound: 9 h itself is already IOP. */
    maxExclusive: z.boolean().default(false),
    /** Hours scheduled when the treatment plan does not set a target. */
    defaultHours: z.number().positive(),
    /** Billable-day rule (H0015: at least 3 h on each of at least 3 days); a shorter day does not count. */
    minDays: z.number().int().min(0).max(7).default(0),
    minHoursPerDay: z.number().min(0).default(0),
  })
  .refine((b) => b.minHours <= b.maxHours, { error: "minHours must not exceed maxHours", path: ["minHours"] })
  .refine((b) => b.defaultHours >= b.minHours && (b.maxExclusive ? b.defaultHours < b.maxHours : b.defaultHours <= b.maxHours), {
    error: "defaultHours must lie inside the band",
    path: ["defaultHours"],
  });
export type HourBand = z.infer<typeof HourBand>;

export const LevelOfCare = z.strictObject({
  id: Id,
  label: Label.min(1),
  asam: Label.optional(),
  bands: z.strictObject({ adult: HourBand, adolescent: HourBand }),
  maxSessionsPerDay: z.number().int().min(1).default(1),
  maxHoursPerDay: z.number().positive().default(24),
  maxSessionsPerWeek: z.number().int().min(1).default(14),
  /** Weekly one-to-one sessions with the patient's primary therapist, and their length (booked when the clinic lists caseloads). */
  individual: z
    .strictObject({ perWeek: z.number().int().min(0).max(7), minutes: z.number().int().min(15).max(180) })
    .default({ perWeek: 0, minutes: 50 }),
  /** Drug tests a week, each on a different day the patient attends (booked when clinic.drugTesting is on). */
  drugTestsPerWeek: z.number().int().min(0).max(7).default(0),
  /** The level a patient steps down to when a milestone of their plan is met; absent = the end of the ladder. */
  stepsDownTo: Id.optional(),
  /**
   * The topics a stay at this level must hear (of its tracks' curricula); absent = the track's whole curriculum.
   * A patient hears them before a step-down is proposed, and a missed one is made up.
   */
  core: z.array(Id).nonempty().max(200).optional(),
  /**
   * Weeks the level's core takes at its pace: a stay stepping down into the level is planned to last at least
   * that much longer, so that its core can be heard before discharge.
   */
  phaseWeeks: z.number().int().min(1).max(52).optional(),
  /** Share of booked group sessions a patient attended at this level, at least, for a step-down to be proposed. */
  stepDownAttendance: z.number().min(0).max(1).default(0.8),
  sources: z.array(Prose).default([]),
  /** Numbers of this level that no source gives: the program's own choices, each configurable. */
  assumptions: z.array(Prose).default([]),
});
export type LevelOfCare = z.infer<typeof LevelOfCare>;

export const Topic = z.strictObject({
  id: Id,
  title: Label.min(1),
  kind: z.enum(["psychoeducation", "skills", "cbt", "support", "process", "relapse-prevention", "family", "expressive"]),
  /** Weekdays this topic may be held on (Matrix: relapse prevention Mon and Fri). Absent = any day. */
  days: z.array(Weekday).nonempty().optional(),
  /** Only patients in these weeks of their stay attend (Matrix: early recovery in weeks 1–4). */
  weeksOfStay: z.strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) }).optional(),
  /** Facilitator needs one of these credentials for this topic (e.g. an art therapist). */
  credentials: z.array(Label.min(1)).nonempty().optional(),
  source: Prose.optional(),
});
export type Topic = z.infer<typeof Topic>;

export const Curriculum = z.strictObject({
  id: Id,
  label: Label.min(1),
  topics: z.array(Topic).min(1),
});
export type Curriculum = z.infer<typeof Curriculum>;

export const GroupSize = z
  .strictObject({
    /** A group with fewer members does not meet. */
    min: z.number().int().min(1),
    /** Cap per group; 15 is the ceiling any EHR we know books (SimplePractice). */
    max: z.number().int().min(1).max(15, { error: "a group holds at most 15 members" }),
  })
  .refine((g) => g.min <= g.max, { error: "group min must not exceed max", path: ["min"] });
export type GroupSize = z.infer<typeof GroupSize>;

export const Track = z.strictObject({
  id: Id,
  label: Label.min(1),
  ageBand: AgeBand,
  curriculum: Id,
  /** A facilitator needs one of these credentials to lead this track (our assumption; clinic.trackCredentials overrides). */
  credentials: z.array(Label.min(1)).nonempty(),
  groupSize: GroupSize.optional(),
  assumptions: z.array(Prose).default([]),
});
export type Track = z.infer<typeof Track>;

/** The weekly family group: patients whose plan includes it come with the family members they bring (counted, never named). */
export const FamilyProgram = z.strictObject({
  /** People in the room at most: patients and their family members together. */
  capacity: z.number().int().min(2).max(200),
  /** A leader needs one of these credentials; absent = any facilitator of the program. */
  credentials: z.array(Label.min(1)).nonempty().optional(),
});
export type FamilyProgram = z.infer<typeof FamilyProgram>;

export const ProgramModel = z.strictObject({
  id: Id,
  label: Label.min(1),
  description: Prose.default(""),
  levels: z.array(LevelOfCare).min(1),
  tracks: z.array(Track).min(1),
  curricula: z.array(Curriculum).min(1),
  groupSize: GroupSize,
  familyProgram: FamilyProgram.optional(),
  /**
   * Levels whose patients of several tracks meet in one track's groups (aftercare open to every adult track): the
   * patients of `level` in `tracks` attend the groups of `track`, and hear its curriculum.
   */
  sharedGroups: z
    .array(z.strictObject({ level: Id, track: Id, tracks: z.array(Id).nonempty().max(20) }))
    .max(20)
    .default([]),
  /** A stay's planned length when a patient's record does not set one. */
  plannedWeeks: z.number().int().min(1).max(104).optional(),
  sources: z.array(Prose).default([]),
  /** Numbers of the program that no source gives. */
  assumptions: z.array(Prose).default([]),
});
export type ProgramModel = z.infer<typeof ProgramModel>;
