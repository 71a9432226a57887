// What the HTTP API takes and gives beyond the scenario and roster themselves.
import { z } from "zod";
import { Metrics, Roster } from "./roster.js";
import { Scenario } from "./scenario.js";
import { withPrevious } from "./continuity.js";
import type { InputProblem } from "./errors.js";
import { SolveOptions } from "./objective.js";

/**
 * A scenario and the solve options (seed, time limit, iteration budget, weights) in one body; `previous`, last
 * week's roster, makes its cohorts the scenario's previous placements (continuity.ts).
 */
export const SolveRequest = SolveOptions.extend({
  scenario: Scenario,
  previous: z
    .union([Roster, z.literal("published")])
    .optional()
    .meta({ description: "Last week's roster, or \"published\": the clinic's newest published roster of an earlier week" }),
});

/** The solve options of a request, without its scenario and last week's roster. */
export function optionsOf({ scenario: _scenario, previous: _previous, ...options }: SolveRequest): SolveOptions {
  return options;
}

/**
 * The scenario a request means: with last week's cohorts when it sends last week's roster (a solve, a check of
 * its roster, a publication), so the solver and the validator read continuity against the same placements.
 */
export function scenarioOf(request: { scenario: Scenario; previous?: Roster | "published" }): Scenario {
  if (request.previous === "published") throw new Error("the published roster is looked up before the solve");
  return request.previous ? withPrevious(request.scenario, request.previous) : request.scenario;
}
export type SolveRequest = z.infer<typeof SolveRequest>;

/** `previous`: last week's roster when the roster was solved with it (its continuity metrics are read against it). */
export const ValidateRequest = z.strictObject({ scenario: Scenario, roster: Roster, previous: Roster.optional() });

export const ValidationReport = z.object({
  valid: z.boolean(),
  violations: z.array(
    z.object({ rule: z.string(), message: z.string(), sessionId: z.string().optional(), patientId: z.string().optional() }),
  ),
  metrics: Metrics,
  patients: z.array(
    z.object({ id: z.string(), requiredHours: z.number(), scheduledHours: z.number(), unmetHours: z.number(), unmetDays: z.number() }),
  ),
  metricMismatches: z.array(z.string()),
});

/**
 * "cancelled": a cancel was asked. The roster is the best found so far once the search hands it back (null until
 * then); a solve that had none when its thread had to be ended stays without one, and `error` says so.
 */
export const JobStatus = z.enum(["queued", "running", "done", "cancelled", "failed"]);

export const JobView = z.object({
  id: z.string(),
  status: JobStatus,
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** Best objective so far and time spent, while the search runs. */
  progress: z.object({ iterations: z.number(), bestObjective: z.number(), elapsedMs: z.number() }).nullable(),
  roster: Roster.nullable(),
  error: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const Health = z.object({ status: z.literal("ok") });
export type Health = z.infer<typeof Health>;

export const Readiness = z.object({
  ready: z.boolean(),
  busyWorkers: z.number().int(),
  /** Solver threads still solving their warm-up clinic (WARM_UP): the service is not ready until they are done. */
  warmingWorkers: z.number().int(),
  queued: z.number().int(),
  database: z.enum(["ok", "unavailable"]),
});
export type Readiness = z.infer<typeof Readiness>;

/** A published roster without its content: which clinic, which week, when and by which API key id. */
export const PublishedSummary = z.object({
  id: z.string(),
  clinicId: z.string(),
  weekStart: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  /** Publications of the same week before this one: its calendars' SEQUENCE, so a corrected week replaces the old. */
  sequence: z.number().int().min(0),
  /**
   * On publishing a week again: the attendance recorded against the earlier publication, carried to this one where
   * the patient is still booked in the session, and dropped where not.
   */
  attendance: z.object({ carried: z.number().int(), dropped: z.number().int() }).optional(),
});
export type PublishedSummary = z.infer<typeof PublishedSummary>;

export const Published = PublishedSummary.extend({ scenario: Scenario, roster: Roster });
export type Published = z.infer<typeof Published>;

export const PublishRequest = ValidateRequest;

/** A roster sent with a scenario must be of that scenario's clinic and week: the problem naming both, or none. */
export function rosterWeekProblems(
  scenario: { readonly clinic: { readonly id: string; readonly weekStart: string } },
  roster: { readonly clinicId: string; readonly weekStart: string },
  path: string,
): InputProblem[] {
  const { id, weekStart } = scenario.clinic;
  if (roster.clinicId === id && roster.weekStart === weekStart) return [];
  return [
    {
      path,
      message: `expected a roster of clinic ${id}, week of ${weekStart}; this one is of clinic ${roster.clinicId}, week of ${roster.weekStart}`,
    },
  ];
}
