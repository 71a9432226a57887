// The roster the engine returns. Front-ends rely on these names: extend, never rename.
import { z } from "zod";
import { TERM_IDS } from "./objective.js";
import { Id } from "./program.js";
import { LIMITS, Part } from "./scenario.js";

const Instant = z.iso.datetime({ offset: true });

export const Session = z.strictObject({
  id: Id,
  slotId: Id,
  track: Id,
  topic: Id,
  topicTitle: z.string(),
  part: Part,
  start: Instant,
  end: Instant,
  facilitatorId: Id,
  roomId: Id,
  patientIds: z.array(Id).max(LIMITS.patients),
});
export type Session = z.infer<typeof Session>;

export const Unmet = z.strictObject({
  hours: z.number().min(0),
  /** Billable days missing under the level's day rule. */
  days: z.number().int().min(0),
  reason: z.string(),
});

export const PatientPlan = z.strictObject({
  id: Id,
  level: Id,
  track: Id,
  requiredHours: z.number().min(0),
  scheduledHours: z.number().min(0),
  sessionIds: z.array(Id).max(LIMITS.slots),
  unmet: Unmet.nullable(),
});
export type PatientPlan = z.infer<typeof PatientPlan>;

export const WaitlistEntry = z.strictObject({ patientId: Id, reason: z.string() });

/** Something in the scenario that leaves staff, slots or patients out of every roster, said before anyone asks. */
export const Warning = z.strictObject({
  code: z.enum(["facilitator-leads-nothing", "slot-unstaffable", "patient-no-slot"]),
  /** The facilitator, slot or (pseudonymous) patient id it is about. */
  subject: Id,
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export const Metrics = z.strictObject({
  patients: z.number().int(),
  patientsFullyServed: z.number().int(),
  waitlisted: z.number().int(),
  totalUnmetHours: z.number(),
  groupsOpened: z.number().int(),
  meanGroupFill: z.number(),
  minGroupFill: z.number(),
  topicRepeats: z.number().int(),
  facilitatorHours: z.record(Id, z.number()),
  /** With last week's cohorts (scenario.previous): returning patients, and those whose group time or lead changed. */
  continuity: z.strictObject({ returning: z.number().int(), changed: z.number().int() }).optional(),
});
export type Metrics = z.infer<typeof Metrics>;

export const SolverStatus = z.enum([
  /** The objective equals a proven lower bound. */
  "optimal",
  /** The search converged (no improvement within its budget); the gap says how far from the bound it may be. */
  "feasible",
  /** The time limit cut the search; the roster is the best found until then. */
  "time-limit",
  /** No patient could be placed at all; everyone is on the waitlist with a reason. */
  "no-placement",
  /** A caller cancelled the search; the roster is the best found until then. */
  "cancelled",
]);

export const TermValue = z.strictObject({
  id: z.enum(TERM_IDS as [string, ...string[]]),
  weight: z.number(),
  value: z.number(),
  penalty: z.number(),
});

export const SolverReport = z.strictObject({
  engine: z.string(),
  status: SolverStatus,
  objective: z.number(),
  /** No valid roster scores less on the weighted objective (every tier's terms at their weights). */
  bound: z.number().nullable(),
  /** (objective − bound) / objective; negative only if a bound were wrong, which the tests treat as a bug. */
  gap: z.number().nullable(),
  /** Proven: no valid roster leaves fewer hours unmet than this (compare metrics.totalUnmetHours). */
  unmetHoursBound: z.number().min(0).nullable(),
  timeMs: z.number(),
  seed: z.number().int(),
  iterations: z.number().int(),
  terms: z.array(TermValue),
});
export type SolverReport = z.infer<typeof SolverReport>;

/** The short form of the 42 CFR §2.32 notice that must accompany a disclosure of these records (domain.md §5). */
export const PART2_NOTICE = "42 CFR part 2 prohibits unauthorized disclosure of these records.";

export const Roster = z.strictObject({
  /** The redisclosure notice travels with the roster itself, not only with its printed table. */
  notice: z.literal(PART2_NOTICE).default(PART2_NOTICE),
  clinicId: Id,
  weekStart: z.iso.date(),
  timeZone: z.string(),
  sessions: z.array(Session).max(LIMITS.slots * LIMITS.rooms),
  patients: z.array(PatientPlan).max(LIMITS.patients),
  waitlist: z.array(WaitlistEntry).max(LIMITS.patients),
  warnings: z
    .array(Warning)
    .max(LIMITS.patients + LIMITS.slots + LIMITS.facilitators)
    .default([]),
  metrics: Metrics,
  solver: SolverReport,
});
export type Roster = z.infer<typeof Roster>;
