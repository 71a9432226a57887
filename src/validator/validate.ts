// validate(scenario, roster): every hard violation and the metrics, recomputed without the solver.
import type { Metrics, Roster, RuleId, Scenario } from "../domain/index.js";
import { CHECKS, type Violation } from "./checks.js";
import { buildContext } from "./context.js";
import { type PatientHours, patientHours, recomputeMetrics } from "./metrics.js";

export { RULES, type RuleId } from "../domain/index.js";
export type { Violation } from "./checks.js";

export interface ValidationReport {
  readonly valid: boolean;
  readonly violations: readonly Violation[];
  readonly metrics: Metrics;
  readonly patients: readonly PatientHours[];
  /** Metric names whose reported value differs from the recomputed one. */
  readonly metricMismatches: readonly string[];
}

/** Our metric (a number, or hours per facilitator) against the roster's own claim, whatever its shape. */
function sameMetric(ours: number | Readonly<Record<string, number>> | undefined, theirs: unknown): boolean {
  if (ours === undefined) return theirs === undefined;
  if (typeof ours === "number") return typeof theirs === "number" && Math.abs(ours - theirs) <= 1e-3;
  // Boxed, whatever was claimed (a number, text, null) is a record; lacking our facilitators, it differs.
  const claimed: Record<string, unknown> = Object(theirs);
  const keys = new Set([...Object.keys(ours), ...Object.keys(claimed)]);
  return [...keys].every((k) => Object.hasOwn(ours, k) && sameMetric(ours[k], claimed[k]));
}

export function validate(scenario: Scenario, roster: Roster, rules: readonly RuleId[] = Object.keys(CHECKS) as RuleId[]): ValidationReport {
  const ctx = buildContext(scenario, roster);
  const violations: Violation[] = [];
  const elsewhere = roster.clinicId !== scenario.clinic.id || roster.weekStart !== scenario.clinic.weekStart;
  if (elsewhere) {
    // Every other check would only repeat that the roster belongs elsewhere.
    const message = `roster is for clinic ${roster.clinicId}, week of ${roster.weekStart}; the scenario is clinic ${scenario.clinic.id}, week of ${scenario.clinic.weekStart}`;
    violations.push({ rule: "roster-integrity", message });
  } else {
    for (const rule of rules) CHECKS[rule](ctx, violations);
  }
  const patients = patientHours(ctx);
  const metrics = recomputeMetrics(ctx, patients);
  const metricMismatches = (Object.keys(metrics) as (keyof Metrics)[]).filter((k) => !sameMetric(metrics[k], roster.metrics[k]));
  return { valid: violations.length === 0 && metricMismatches.length === 0, violations, metrics, patients, metricMismatches };
}
