// The objective's terms and their default weights: the one place a weight is written down.
import { z } from "zod";

/** Each soft term, what one unit of it means, and why it weighs what it does. */
export const OBJECTIVE_TERMS = {
  "unmet-hours": { unit: "hour short of the required weekly hours", weight: 1000, why: "a patient's level of care comes first (medium tier)" },
  "unmet-days": { unit: "billable day short of the level's day rule", weight: 300, why: "H0015-style day rules decide whether a week can be billed" },
  "extra-hours": { unit: "hour scheduled above the patient's required hours (inside the band)", weight: 60, why: "only worth it when it keeps a group at its minimum" },
  "topic-repeat": { unit: "session on a topic the patient already hears this week", weight: 200, why: "no patient should hear the same topic twice in a week" },
  "topic-completed": { unit: "session on a topic the patient completed before", weight: 15, why: "topics not yet completed come first, so late joiners catch up" },
  "topic-uncovered": { unit: "topic of a track's curriculum not held this week", weight: 4, why: "every topic of a track should be offered" },
  "part-preference": { unit: "session outside the patient's day/evening preference", weight: 20, why: "fits the patient's life beyond hard windows" },
  "facilitator-continuity": { unit: "extra facilitator a patient sees in the week", weight: 6, why: "one stable cohort and facilitator through the week" },
  "back-to-back-days": { unit: "pair of sessions on consecutive days for a patient with a free alternative", weight: 3, why: "sessions spread over the week" },
  "group-balance": { unit: "member of difference between the largest and smallest group of one track in one slot", weight: 2, why: "balanced group sizes" },
  "groups-opened": { unit: "group opened", weight: 40, why: "each group costs a facilitator and a room" },
  "facilitator-balance": { unit: "hour a facilitator works above the mean of their peers", weight: 1, why: "balanced facilitator load" },
} as const;

export type TermId = keyof typeof OBJECTIVE_TERMS;
export const TERM_IDS = Object.keys(OBJECTIVE_TERMS) as TermId[];
export type Weights = Record<TermId, number>;

export const DEFAULT_WEIGHTS: Weights = Object.fromEntries(TERM_IDS.map((id) => [id, OBJECTIVE_TERMS[id].weight])) as Weights;

export const WeightOverrides = z.strictObject(
  Object.fromEntries(TERM_IDS.map((id) => [id, z.number().min(0).max(1e6).optional()])) as Record<TermId, z.ZodOptional<z.ZodNumber>>,
);
export type WeightOverrides = z.infer<typeof WeightOverrides>;

export function weightsWith(overrides: WeightOverrides | undefined): Weights {
  const merged = { ...DEFAULT_WEIGHTS };
  for (const id of TERM_IDS) {
    const value = overrides?.[id];
    if (value !== undefined) merged[id] = value;
  }
  return merged;
}

export const SolveOptions = z.strictObject({
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** Wall-clock cap; the best roster found so far is returned when it runs out. */
  timeLimitMs: z.number().int().min(10).max(3_600_000).default(10_000),
  /** Iteration budget of the local search; with the seed it makes a solve repeatable. */
  maxIterations: z.number().int().min(0).max(100_000_000).optional(),
  weights: WeightOverrides.optional(),
});
export type SolveOptions = z.infer<typeof SolveOptions>;
