// "Is this hand edit still valid, and is it better?": the edited roster's bookkeeping is rebuilt from its groups,
// the validator reports only real rule breaks, and its objective is set against the roster it was edited from.
// The CLI (`npm run check`) and POST /v1/rosters/check both answer with this.
import { z } from "zod";
import { Roster, Scenario, type Weights } from "../domain/index.js";
import { rebook } from "../solver/rebook.js";
import { type Violation, validate } from "../validator/index.js";

export const CheckRequest = z.strictObject({
  scenario: Scenario,
  roster: Roster.meta({ description: "The edited roster: its sessions' member lists are what counts; the rest is recomputed" }),
  against: Roster.optional().meta({ description: "The roster it was edited from (the solver's), to compare with" }),
});

const ComparisonSchema = z.object({ objective: z.number(), totalUnmetHours: z.number(), patientsFullyServed: z.number().int() });

/** What POST /v1/rosters/check answers; `summary` is what `npm run check` prints, line for line. */
export const CheckResponse = z.union([
  z.object({ ok: z.literal(false), unknown: z.array(z.string()), summary: z.array(z.string()) }),
  z.object({
    ok: z.literal(true),
    valid: z.boolean(),
    violations: z.array(
      z.object({ rule: z.string(), message: z.string(), sessionId: z.string().optional(), patientId: z.string().optional() }),
    ),
    roster: Roster,
    edited: ComparisonSchema,
    original: ComparisonSchema.nullable(),
    summary: z.array(z.string()),
  }),
]);

export interface Comparison {
  readonly objective: number;
  readonly totalUnmetHours: number;
  readonly patientsFullyServed: number;
}

export type CheckResult =
  | { readonly ok: false; readonly unknown: readonly string[] }
  | {
      readonly ok: true;
      readonly valid: boolean;
      readonly violations: readonly Violation[];
      /** The edited roster with its bookkeeping recomputed: what to save. */
      readonly roster: Roster;
      readonly edited: Comparison;
      readonly original: Comparison | null;
    };

const summary = (r: Roster): Comparison => ({
  objective: r.solver.objective,
  totalUnmetHours: r.metrics.totalUnmetHours,
  patientsFullyServed: r.metrics.patientsFullyServed,
});

export function checkEdit(scenario: Scenario, edited: Roster, against?: Roster): CheckResult {
  // The weights the original solve used, so that both objectives count the same way.
  const weights = Object.fromEntries((against ?? edited).solver.terms.map((t) => [t.id, t.weight])) as Partial<Weights>;
  const rebuilt = rebook(scenario, edited, weights);
  if (!rebuilt.ok) return { ok: false, unknown: rebuilt.unknown };
  const report = validate(scenario, rebuilt.roster);
  const original = against ? rebook(scenario, against, weights) : null;
  return {
    ok: true,
    valid: report.valid,
    violations: report.violations,
    roster: rebuilt.roster,
    edited: summary(rebuilt.roster),
    original: original?.ok ? summary(original.roster) : null,
  };
}

/** The answer in a coordinator's words, the same lines whichever way it was asked. */
export function describeCheck(result: CheckResult): string[] {
  if (!result.ok) return ["the edited roster names what the scenario does not have:", ...result.unknown.map((u) => `  ${u}`)];
  const lines = result.violations.length
    ? [
        `${result.violations.length} rule${result.violations.length > 1 ? "s" : ""} broken:`,
        ...result.violations.map((v) => `  [${v.rule}] ${[v.sessionId, v.patientId].filter(Boolean).join(" ")}: ${v.message}`),
      ]
    : ["Valid: no rule is broken."];
  const e = result.edited;
  lines.push(`Edited: ${e.patientsFullyServed} patients fully served, ${e.totalUnmetHours} unmet hours, objective ${e.objective}.`);
  if (result.original) {
    const o = result.original;
    const change = Math.round((e.objective - o.objective) * 100) / 100;
    const verdict = change < 0 ? "better" : change > 0 ? "worse" : "as good";
    lines.push(`Original: ${o.patientsFullyServed} patients fully served, ${o.totalUnmetHours} unmet hours, objective ${o.objective}.`);
    lines.push(
      `The edit is ${verdict} (objective ${change > 0 ? "+" : ""}${change}, unmet hours ${e.totalUnmetHours - o.totalUnmetHours >= 0 ? "+" : ""}${Math.round((e.totalUnmetHours - o.totalUnmetHours) * 100) / 100}).`,
    );
  }
  return lines;
}
