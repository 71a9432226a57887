// The roster the engine returns. Front-ends rely on these names: extend, never rename.
import { z } from "zod";
import { TERM_IDS } from "./objective.js";
import { Id } from "./program.js";
import { LIMITS, Part } from "./scenario.js";
import { Label, Prose } from "./text.js";
import { TimeZone } from "./time.js";

const Instant = z.iso.datetime({ offset: true });
/**
 * An id the roster composes from the scenario's ids ("<slot>.<track>.<n>", "individual.<patient>.<n>"): room for
 * two of them at their longest and the joints, so a scenario the schema takes never gives a roster it refuses.
 */
export const ComposedId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, { error: "expected an id the roster composes" });

export const Session = z.strictObject({
  id: ComposedId,
  slotId: Id,
  track: Id,
  topic: Id,
  topicTitle: Label,
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
  reason: Prose,
});

/** Where a patient stands in their track's curriculum: topics heard before the week, new this week, still to come. */
export const CurriculumProgress = z.strictObject({
  total: z.number().int().min(0),
  heardBefore: z.number().int().min(0),
  newThisWeek: z.number().int().min(0),
  remaining: z.number().int().min(0),
  /** Core topics missed last week: those a group of this week makes up, and those left for the one-to-one. */
  makeUps: z.strictObject({ booked: z.array(Id), forOneToOne: z.array(Id) }).optional(),
});

export const PatientPlan = z.strictObject({
  id: Id,
  level: Id,
  track: Id,
  requiredHours: z.number().min(0),
  scheduledHours: z.number().min(0),
  sessionIds: z.array(ComposedId).max(LIMITS.slots),
  unmet: Unmet.nullable(),
  curriculum: CurriculumProgress.optional(),
  /** Week of the stay and its planned length, when the program or the patient's record sets one. */
  stay: z.strictObject({ week: z.number().int().min(0), plannedWeeks: z.number().int().min(1) }).optional(),
});
export type PatientPlan = z.infer<typeof PatientPlan>;

/** Billable days short over every patient of a roster. */
export const unmetDaysOf = (roster: Pick<Roster, "patients">): number => roster.patients.reduce((n, p) => n + (p.unmet?.days ?? 0), 0);

/** The medium tier as the roster reports it: unmet hours and billable days short at their weights. */
export const mediumOf = (roster: Pick<Roster, "solver">): number =>
  roster.solver.terms.filter((t) => t.id === "unmet-hours" || t.id === "unmet-days").reduce((sum, t) => sum + t.penalty, 0);

/** What the bounds prove about the roster's unmet hours and billable days short, in the words the CLI and page print. */
export function boundClaims(roster: Pick<Roster, "patients" | "metrics" | "solver">): { hours: string; days: string } {
  const s = roster.solver;
  const unmet = roster.metrics.totalUnmetHours;
  const days = unmetDaysOf(roster);
  const fewest = "proven the fewest any valid roster can leave";
  const hours =
    s.unmetHoursBound === null
      ? ""
      : s.unmetHoursBound >= unmet - 1e-6
        ? fewest
        : `no valid roster can have fewer than ${s.unmetHoursBound} h`;
  const medium = mediumOf(roster);
  const daysClaim =
    s.unmetDaysBound === null
      ? ""
      : s.unmetDaysBound >= days
        ? fewest
        : hours === fewest && s.mediumBound !== null && medium <= s.mediumBound + 1e-6
          ? `proven the fewest any valid roster can leave without leaving more hours unmet; none can have fewer than ${s.unmetDaysBound}`
          : `no valid roster can have fewer than ${s.unmetDaysBound}`;
  return { hours, days: daysClaim };
}

/** The core topics each patient missed last week that no group of this week makes up: for their one-to-one. */
export function oneToOneMakeUps(roster: Pick<Roster, "patients">): Map<string, string[]> {
  return new Map(
    roster.patients.flatMap((p) => {
      const topics = p.curriculum?.makeUps?.forOneToOne ?? [];
      return topics.length > 0 ? [[p.id, topics] as const] : [];
    }),
  );
}

/** A one-to-one session with the patient's primary therapist. */
export const IndividualSession = z.strictObject({
  id: ComposedId,
  patientId: Id,
  therapistId: Id,
  roomId: Id,
  start: Instant,
  end: Instant,
});
export type IndividualSession = z.infer<typeof IndividualSession>;

/** The weekly family group at one of the clinic's family-group times: patients with the family members they bring, counted. */
export const FamilySession = z.strictObject({
  id: ComposedId,
  familyGroupId: Id,
  start: Instant,
  end: Instant,
  facilitatorId: Id,
  roomId: Id,
  patientIds: z.array(Id).max(LIMITS.patients),
  familyMembers: z.number().int().min(0),
});
export type FamilySession = z.infer<typeof FamilySession>;

/** A drug test, collected at a session the patient attends that day. */
export const DrugTest = z.strictObject({ patientId: Id, date: z.iso.date(), sessionId: ComposedId });
export type DrugTest = z.infer<typeof DrugTest>;

export const SERVICES = ["individual", "family", "drug-test"] as const;
export const Service = z.enum(SERVICES);
export type Service = z.infer<typeof Service>;

/** A one-to-one session, family group or drug test the plan calls for that the week could not book, and why. */
export const ServiceShortfall = z.strictObject({ patientId: Id, service: Service, missing: z.number().int().min(1), reason: Prose });
export type ServiceShortfall = z.infer<typeof ServiceShortfall>;

export const WaitlistEntry = z.strictObject({ patientId: Id, reason: Prose });

/** Something in the scenario that leaves staff, slots or patients out of every roster, said before anyone asks. */
export const Warning = z.strictObject({
  code: z.enum(["facilitator-leads-nothing", "slot-unstaffable", "patient-no-slot", "plan-below-day-rule"]),
  /** The facilitator, slot or (pseudonymous) patient id it is about. */
  subject: Id,
  message: Prose,
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
  /** Booked against called for, per service the clinic books with the roster (e.g. individual-required, individual-booked). */
  services: z.record(Id, z.number()).optional(),
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
  engine: Label,
  status: SolverStatus,
  objective: z.number(),
  /** No valid roster scores less on the weighted objective (every tier's terms at their weights). */
  bound: z.number().nullable(),
  /** (objective − bound) / objective; negative only if a bound were wrong, which the tests treat as a bug. */
  gap: z.number().nullable(),
  /** Proven: no valid roster leaves fewer hours unmet than this (compare metrics.totalUnmetHours). */
  unmetHoursBound: z.number().min(0).nullable(),
  /**
   * Proven: no valid roster leaves fewer billable days short than this (compare the patients' unmet.days): each
   * patient's days that no group time they can reach makes billable, whatever the staff.
   */
  unmetDaysBound: z.number().int().min(0).nullable().default(null),
  /**
   * Proven: no valid roster scores less on unmet hours and billable days together, at their weights (the medium tier).
   * It can prove a roster whose days sit above `unmetDaysBound`: fewer days would leave more hours unmet.
   */
  mediumBound: z.number().min(0).nullable().default(null),
  /** Milliseconds from the solve's start until the roster met both bounds (hours and days proven); null if it never did. */
  provenAtMs: z.number().min(0).nullable().default(null),
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
  timeZone: TimeZone,
  sessions: z.array(Session).max(LIMITS.slots * LIMITS.rooms),
  patients: z.array(PatientPlan).max(LIMITS.patients),
  individualSessions: z
    .array(IndividualSession)
    .max(LIMITS.patients * 7)
    .default([]),
  familySessions: z.array(FamilySession).max(LIMITS.slots).default([]),
  drugTests: z
    .array(DrugTest)
    .max(LIMITS.patients * 7)
    .default([]),
  serviceShortfalls: z
    .array(ServiceShortfall)
    .max(LIMITS.patients * 3)
    .default([]),
  waitlist: z.array(WaitlistEntry).max(LIMITS.patients),
  warnings: z
    .array(Warning)
    .max(LIMITS.patients + LIMITS.slots + LIMITS.facilitators)
    .default([]),
  metrics: Metrics,
  solver: SolverReport,
});
export type Roster = z.infer<typeof Roster>;
