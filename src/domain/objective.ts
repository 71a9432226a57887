// The objective's tiers, terms and default weights: the one place a weight is written down.
import { z } from "zod";

/**
 * The tiers, compared in this order: a roster better in an earlier tier is better whatever the later ones say.
 * Hard rules come before all of them and are never traded (the validator rejects a roster that breaks one).
 * - medium: hours and billable days short of the level of care: what a clinic exists to deliver;
 * - served: at equal shortfall, more patients with a full week (a partial IOP week is not billable);
 * - soft: how good the week is for patients and staff.
 */
export const TIERS = ["medium", "served", "soft"] as const;
export type Tier = (typeof TIERS)[number];

/** Each term, its tier, what one unit of it means, and why it weighs what it does inside its tier. */
export const OBJECTIVE_TERMS = {
  "unmet-hours": {
    tier: "medium",
    unit: "hour short of the required weekly hours",
    weight: 1000,
    why: "a patient's level of care comes first",
  },
  "unmet-days": {
    tier: "medium",
    unit: "billable day short of the level's day rule",
    weight: 300,
    why: "H0015-style day rules decide whether a week can be billed",
  },
  "patients-short": {
    tier: "served",
    unit: "patient with hours or billable days short",
    weight: 1,
    why: "at equal shortfall, a full week for more patients: partial weeks are not billable",
  },
  "extra-hours": {
    tier: "soft",
    unit: "hour scheduled above the patient's required hours (inside the band)",
    weight: 60,
    why: "only worth it when it keeps a group at its minimum",
  },
  "topic-repeat": {
    tier: "soft",
    unit: "session on a topic the patient already hears this week",
    weight: 200,
    why: "no patient should hear the same topic twice in a week",
  },
  "topic-completed": {
    tier: "soft",
    unit: "session on a topic the patient completed before",
    weight: 15,
    why: "topics not yet completed come first, so late joiners catch up",
  },
  "topic-out-of-reach": {
    tier: "soft",
    unit: "core topic of the patient's level not yet heard that no longer fits before their planned discharge at their level's pace",
    weight: 150,
    why: "over a stay every patient hears the core of their level; near the end, the topics a patient still needs come before the group's majority (ten members hearing a completed topic) and before their cohort (our assumption; in the simulation 50 → 150 lifted the outpatient stays that heard their core from 92 % to 98 %)",
  },
  "make-up": {
    tier: "soft",
    unit: "core topic the patient missed last week (absent or excused) and is not booked to hear this week",
    weight: 60,
    why: "a missed core topic is made up in another group of the track they can reach, else in the one-to-one (our assumption: above opening a group, below a cohort change)",
  },
  "core-cycle": {
    tier: "soft",
    unit: "core topic of a level due this week (its track's groups open to the level have not held it in the level's phase less one week) and not held",
    weight: 100,
    why: "any run of a level's phaseWeeks holds every core topic, so that a patient who comes every week hears the core within the phase (our assumption: as much as a cohort change)",
  },
  "topic-uncovered": {
    tier: "soft",
    unit: "topic of a track's curriculum not held this week",
    weight: 4,
    why: "every topic of a track should be offered",
  },
  "parallel-topic": {
    tier: "soft",
    unit: "group on the same topic as another group of its track in the same slot",
    weight: 10,
    why: "parallel groups cover more of the curriculum on different topics",
  },
  "part-preference": {
    tier: "soft",
    unit: "session outside the patient's day/evening preference",
    weight: 20,
    why: "fits the patient's life beyond hard windows",
  },
  "cohort-change": {
    tier: "soft",
    unit: "group of last week (time and lead) a returning patient does not keep",
    weight: 100,
    why: "patients stay with the group they started with (our assumption: above opening a group, below a topic repeat; at 30 the continuity bench kept 87 % in one run)",
  },
  "facilitator-continuity": {
    tier: "soft",
    unit: "extra facilitator a patient sees in the week",
    weight: 6,
    why: "one stable cohort and facilitator through the week",
  },
  "back-to-back-days": {
    tier: "soft",
    unit: "pair of sessions on consecutive days for a patient with a free alternative",
    weight: 3,
    why: "sessions spread over the week",
  },
  "group-balance": {
    tier: "soft",
    unit: "member of difference between the largest and smallest group of one track in one slot",
    weight: 2,
    why: "balanced group sizes",
  },
  "groups-opened": { tier: "soft", unit: "group opened", weight: 40, why: "each group costs a facilitator and a room" },
  "facilitator-balance": {
    tier: "soft",
    unit: "hour a facilitator works above the mean of their peers",
    weight: 1,
    why: "balanced facilitator load",
  },
} as const satisfies Record<string, { tier: Tier; unit: string; weight: number; why: string }>;

export type TermId = keyof typeof OBJECTIVE_TERMS;
export const TERM_IDS = Object.keys(OBJECTIVE_TERMS) as TermId[];
export type Weights = Record<TermId, number>;

export const DEFAULT_WEIGHTS: Weights = Object.fromEntries(TERM_IDS.map((id) => [id, OBJECTIVE_TERMS[id].weight])) as Weights;

/** Weights move terms within their tier only; a term of the medium or served tier cannot be switched off. */
function weightSchema(id: TermId) {
  const soft = OBJECTIVE_TERMS[id].tier === "soft";
  const base = z.number().max(1e6);
  return (
    soft
      ? base.min(0)
      : base.positive({ error: `must be above 0: ${id} is in the ${OBJECTIVE_TERMS[id].tier} tier, above every soft term` })
  ).optional();
}

export const WeightOverrides = z.strictObject(
  Object.fromEntries(TERM_IDS.map((id) => [id, weightSchema(id)])) as Record<TermId, z.ZodOptional<z.ZodNumber>>,
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
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** Wall-clock cap; the best roster found so far is returned when it runs out. */
  timeLimitMs: z.number().int().min(10).max(3_600_000).default(10_000),
  /** Iteration budget of the local search; with the seed it makes a solve repeatable. */
  maxIterations: z.number().int().min(0).max(100_000_000).optional(),
  weights: WeightOverrides.optional(),
});
export type SolveOptions = z.infer<typeof SolveOptions>;
