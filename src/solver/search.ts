// Simulated annealing over the moves, from a feasible start: the best roster seen is kept, and the search
// stops at its iteration budget, after a long stretch without improvement, or at the deadline.
import { MOVES } from "./moves.js";
import { Random } from "./random.js";
import { type Group, type Score, type State, UPPER_TIERS, compareScores } from "./state.js";

export interface Progress {
  readonly iterations: number;
  readonly bestObjective: number;
  readonly elapsedMs: number;
}

export interface SearchLimits {
  readonly seed: number;
  readonly maxIterations: number;
  readonly deadline: number;
  readonly startedAt: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Asked between iterations; true ends the search with the best roster so far. */
  readonly shouldStop?: () => boolean;
  /** The medium tier no valid roster goes below (hours and days at their bounds, weighted). A bound proved beside the
   * search may raise it while it runs, so it is asked again between iterations. */
  readonly mediumFloor?: () => number;
  /** The bounds that decide which moves are drawn: the counting bounds only, so a seed gives the same roster whenever
   * a bound proved beside the search arrives. A tier at its bound draws no more moves of its own. */
  readonly drawFloor?: { readonly medium: number; readonly served: number };
}

/** Cumulative shares of the moves drawn once `done` tiers are proven: none, the medium one, or medium and served. */
export function drawTables(): number[][] {
  const tiers = [[], ["medium"], ["medium", "served"]];
  return tiers.map((done) => {
    let total = 0;
    return MOVES.map(([, share, tier]) => (total += done.includes(tier) ? 0 : share));
  });
}

export type StopReason = "budget" | "stagnation" | "time-limit" | "cancelled";

export interface SearchResult {
  readonly best: Group[];
  readonly bestObjective: number;
  readonly iterations: number;
  readonly stoppedBy: StopReason;
  /** When the best roster's medium tier first met `mediumFloor`, from `startedAt`; null if it never did. */
  readonly provenAtMs: number | null;
  /** When the search first reached the best roster's medium tier, from `startedAt`: its proof time if a bound known
   * only after the search meets it. */
  readonly mediumAtMs: number;
}

/** Temperatures in soft-tier units: a start that lets soft terms trade, an end that only descends. */
const T_START = 4;
const T_END = 0.2;
const PROGRESS_EVERY_MS = 500;

export function snapshot(state: State): Group[] {
  return state.aliveGroups().map((g) => {
    const group = state.groups[g];
    return { ...group, members: [...group.members] };
  });
}

/**
 * Better in a higher tier: taken. Worse in one: refused, so the search never trades hours for comfort. Equal above
 * the soft tier: annealing on the soft score.
 */
function accept(score: Score, current: Score, temperature: number, rng: Random): boolean {
  const upper = compareScores(score, current, UPPER_TIERS);
  if (upper !== 0) return upper < 0;
  const delta = score.soft - current.soft;
  return delta <= 0 || rng.next() < Math.exp(-delta / temperature);
}

export function search(state: State, limits: SearchLimits): SearchResult {
  const rng = new Random(limits.seed);
  const tables = drawTables();
  const done = (score: Score) =>
    !limits.drawFloor || score.medium > limits.drawFloor.medium + 1e-6 ? 0 : score.served > limits.drawFloor.served + 1e-6 ? 1 : 2;
  let current = state.score();
  let cumulative = tables[done(current)];
  // A draw from a smaller table stands for the draws of the full one it replaces (the full table's total over this
  // one's): the budget, the temperature and the patience count those, so dropping a proven tier's moves spends the
  // same search on the soft tier in less time, rather than more search in the same time.
  const full = tables[0][tables[0].length - 1];
  let step = full / cumulative[cumulative.length - 1];
  let spent = 0;
  let best = snapshot(state);
  let bestScore = current;
  let bestObjective = state.objective();
  const proven = (score: Score) => limits.mediumFloor !== undefined && score.medium <= limits.mediumFloor() + 1e-6;
  let provenAtMs = proven(bestScore) ? Date.now() - limits.startedAt : null;
  let mediumAtMs = Date.now() - limits.startedAt;
  let lastImprovement = 0;
  const patience = Math.max(20_000, Math.floor(limits.maxIterations / 3));
  let short = state.patientsShort();
  let nextProgress = limits.startedAt + PROGRESS_EVERY_MS;
  let stoppedBy: StopReason = "budget";
  let it = 0;
  const budget = state.model.patients.length === 0 ? 0 : limits.maxIterations;
  for (; spent < budget; it++, spent += step) {
    if ((it & 63) === 0) {
      const now = Date.now();
      if (now >= limits.deadline) {
        stoppedBy = "time-limit";
        break;
      }
      if (limits.shouldStop?.()) {
        stoppedBy = "cancelled";
        break;
      }
      if (provenAtMs === null && proven(bestScore)) provenAtMs = now - limits.startedAt;
      if (limits.onProgress && now >= nextProgress) {
        limits.onProgress({ iterations: it, bestObjective, elapsedMs: now - limits.startedAt });
        nextProgress = now + PROGRESS_EVERY_MS;
      }
    }
    if (spent - lastImprovement > patience) {
      stoppedBy = "stagnation";
      break;
    }
    if ((it & 255) === 0) short = state.patientsShort();
    const temperature = T_START * Math.pow(T_END / T_START, spent / limits.maxIterations);
    const r = rng.next() * cumulative[cumulative.length - 1];
    let m = 0;
    while (cumulative[m] <= r) m++;
    state.begin();
    // A move that found nothing to do may have changed the roster on its way: it is undone without being scored.
    const score = MOVES[m][0](state, rng, short) ? state.score() : null;
    if (score && accept(score, current, temperature, rng)) {
      state.commit();
      current = score;
      cumulative = tables[done(current)];
      step = full / cumulative[cumulative.length - 1];
      if (compareScores(current, bestScore) < 0) {
        if (compareScores(current, bestScore, ["medium"]) < 0) mediumAtMs = Date.now() - limits.startedAt;
        bestScore = current;
        bestObjective = state.objective();
        best = snapshot(state);
        lastImprovement = spent;
        if (provenAtMs === null && proven(current)) provenAtMs = Date.now() - limits.startedAt;
      }
    } else {
      state.rollback();
    }
  }
  return { best, bestObjective, iterations: it, stoppedBy, provenAtMs, mediumAtMs };
}
