// solve(scenario, options): construct, search, restore the best roster, explain every shortfall.
import { type Roster, type Scenario, type SolveOptions, weightsWith } from "../domain/index.js";
import { fullDaysBound, mediumFloor, reachAndBound } from "./bound.js";
import { construct, polishTopics, repairMinimums } from "./construct.js";
import { type Model, compile } from "./model.js";
import { type Progress, search } from "./search.js";
import { type Group, State, UPPER_TIERS, compareScores } from "./state.js";
import { unmetHours } from "./terms.js";
import { toRoster } from "./to-roster.js";

export type { Progress } from "./search.js";

export interface SolveHooks {
  readonly onProgress?: (progress: Progress) => void;
  readonly shouldStop?: () => boolean;
  /** A lower bound on the medium tier proved beside the search (HiGHS on another thread); 0 until there is one. */
  readonly mediumFloor?: () => number;
}

/** What writing the roster takes after the search, per patient (measured: about 45 µs on a 2-core machine at 10 000). */
const FINISHING_MS_PER_PATIENT = 0.05;

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

/**
 * The greedy's roster. A time limit does not cut it (`cancelled` does): a roster that seats no one because compiling
 * a large clinic used the limit up would be worth less than the few seconds the greedy takes. Its topics are then
 * polished while `stop` allows.
 */
function firstRoster(model: Model, weights: State["weights"], cancelled: () => boolean, stop: () => boolean, keepCohorts: boolean): State {
  const state = new State(model, weights);
  construct(state, cancelled, keepCohorts);
  polishTopics(state, stop);
  return state;
}

export function solve(scenario: Scenario, options: SolveOptions, hooks: SolveHooks = {}): Roster {
  const startedAt = Date.now();
  const model = compile(scenario);
  const weights = weightsWith(options.weights);
  const { reach, bound, unmetHours: hoursFloor, unmetDays: daysFloor, patientsShort } = reachAndBound(model, weights);

  // Every phase but the greedy looks at the deadline and the stop flag, not only the search: a cut solve still
  // returns at least the greedy's roster. The deadline leaves time for what follows the search (restoring the best
  // roster, the reasons and services of every patient), so a limit holds for the whole solve, not the search alone.
  const deadline = startedAt + options.timeLimitMs - Math.min(options.timeLimitMs / 2, FINISHING_MS_PER_PATIENT * model.patients.length);
  const cancelled = () => hooks.shouldStop?.() ?? false;
  const stop = () => Date.now() >= deadline || cancelled();
  const returning = model.patients.some((p) => p.previous.length > 0);
  const first = firstRoster(model, weights, cancelled, stop, returning);
  // The staff's days bound costs two more flows (95 ms at 10 000 patients): asked before the search only when the
  // greedy's hours are already proven and its days are not, so the search knows when its medium tier is done.
  const unmetOf = (state: State) => model.patients.reduce((h, patient, p) => h + unmetHours(patient, state.pHours[p]), 0);
  const floorWith = (days: number) => mediumFloor(weights, hoursFloor, days);
  const staffCounted = unmetOf(first) <= hoursFloor + 1e-6 && first.score().medium > floorWith(daysFloor) + 1e-6 && !stop();
  let daysBound = staffCounted ? fullDaysBound(model, reach, hoursFloor) : daysFloor;
  const countingFloor = floorWith(daysBound);
  const limits = {
    seed: options.seed,
    maxIterations: options.maxIterations ?? defaultIterations(model),
    deadline,
    startedAt,
    onProgress: hooks.onProgress,
    shouldStop: hooks.shouldStop,
    mediumFloor: () => Math.max(countingFloor, hooks.mediumFloor?.() ?? 0),
    drawFloor: { medium: countingFloor, served: weights["patients-short"] * patientsShort },
  };
  let result = search(first, limits);
  let best = restore(model, weights, result.best);
  // Last week's cohorts re-formed first can crowd out this week's new patients. When the greedy alone would leave
  // fewer hours unmet than the search found around the cohorts, search from there too and keep the better.
  if (returning && !stop()) {
    const fresh = firstRoster(model, weights, stop, stop, false);
    if (compareScores(fresh.score(), best.score(), UPPER_TIERS) < 0) {
      const other = search(fresh, limits);
      const otherBest = restore(model, weights, other.best);
      if (compareScores(otherBest.score(), best.score()) < 0) {
        result = { ...other, iterations: result.iterations + other.iterations };
        best = otherBest;
      }
    }
  }
  repairMinimums(best);
  const medium = best.score().medium;
  let mediumBound = limits.mediumFloor();
  // The roster kept may not be the one proven: a later one better in the hard tier but not the medium, or the repair.
  let provenAtMs = medium <= mediumBound + 1e-6 ? result.provenAtMs : null;
  // The search reached proven hours the greedy did not have: the staff's days bound is asked now, and proves the
  // roster from when the search reached its medium tier (the bound is a count of the input, not of the search).
  if (provenAtMs === null && !staffCounted && unmetOf(best) <= hoursFloor + 1e-6 && medium > mediumBound + 1e-6 && !cancelled()) {
    daysBound = fullDaysBound(model, reach, hoursFloor);
    mediumBound = Math.max(mediumBound, floorWith(daysBound));
    if (medium <= mediumBound + 1e-6) provenAtMs = result.mediumAtMs;
  }
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
    bound: Math.max(bound, mediumBound),
    unmetHoursBound: hoursFloor,
    unmetDaysBound: daysBound,
    mediumBound,
    provenAtMs,
    timeMs: Date.now() - startedAt,
    seed: options.seed,
    iterations: result.iterations,
  });
}
