// solve(scenario, options): construct, search, restore the best roster, explain every shortfall.
import { type Roster, type Scenario, type SolveOptions, weightsWith } from "../domain/index.js";
import { reachAndBound } from "./bound.js";
import { construct, polishTopics, repairMinimums } from "./construct.js";
import { type Model, compile } from "./model.js";
import { type Progress, search } from "./search.js";
import { State, type Group } from "./state.js";
import { toRoster } from "./to-roster.js";

export type { Progress } from "./search.js";

export interface SolveHooks {
  readonly onProgress?: (progress: Progress) => void;
  readonly shouldStop?: () => boolean;
}

/** Iterations that let the search settle on clinics of this size; the seed plus this budget make a solve repeatable. */
export function defaultIterations(model: Model): number {
  return 50_000 + 600 * model.patients.length;
}

export function restore(model: Model, weights: State["weights"], groups: readonly Group[]): State {
  const state = new State(model, weights);
  for (const group of groups) {
    const g = state.open(group.slot, group.track, group.topic, group.fac, group.room);
    for (const p of group.members) state.add(g, p);
  }
  return state;
}

export function solve(scenario: Scenario, options: SolveOptions, hooks: SolveHooks = {}): Roster {
  const startedAt = Date.now();
  const model = compile(scenario);
  const weights = weightsWith(options.weights);
  const { reach, bound, unmetHours: hoursFloor } = reachAndBound(model, weights);

  // Every phase looks at the deadline and the stop flag, not only the search: a cut solve still returns a roster.
  const deadline = startedAt + options.timeLimitMs;
  const stop = () => Date.now() >= deadline || (hooks.shouldStop?.() ?? false);
  const start = new State(model, weights);
  construct(start, stop);
  if (!stop()) polishTopics(start);
  const result = search(start, {
    seed: options.seed,
    maxIterations: options.maxIterations ?? defaultIterations(model),
    deadline,
    startedAt,
    onProgress: hooks.onProgress,
    shouldStop: hooks.shouldStop,
  });
  const best = restore(model, weights, result.best);
  repairMinimums(best);
  const placed = best.aliveGroups().length > 0;
  return toRoster(best, reach, {
    engine: "local-search",
    // A cut solve says it was cut, even when the cut came before anyone was placed.
    status:
      result.stoppedBy === "time-limit" || result.stoppedBy === "cancelled"
        ? result.stoppedBy
        : !placed && model.patients.length > 0
          ? "no-placement"
          : "feasible",
    bound,
    unmetHoursBound: hoursFloor,
    timeMs: Date.now() - startedAt,
    seed: options.seed,
    iterations: result.iterations,
  });
}
