// The aggregated model solved by HiGHS (WebAssembly) or by javascript-lp-solver, each under a time cap, each
// answer checked against the model before it is used, and made into a roster with a proven bound where one exists.
import highsPackage from "highs";
import lpSolverPackage from "javascript-lp-solver";
import { type Roster, type Scenario, type SolveOptions, weightsWith } from "../../domain/index.js";
import { reachAndBound } from "../bound.js";
import { compile } from "../model.js";
import { toRoster } from "../to-roster.js";
import { type Aggregated, aggregate } from "./aggregate.js";
import { dayBundleModel } from "./day-bundles.js";
import type { Mip } from "./mip.js";
import { staffedModel } from "./staffed.js";
import { planToState } from "./plan-to-roster.js";

// Both packages ship CommonJS-typed declarations beside a real ES default export: take whichever is the default.
const loadHighs = ((highsPackage as unknown as { default?: typeof highsPackage.default }).default ??
  highsPackage) as typeof highsPackage.default;
const lpSolver = ((lpSolverPackage as unknown as { default?: typeof lpSolverPackage.default }).default ??
  lpSolverPackage) as typeof lpSolverPackage.default;

export interface ExactAnswer {
  /** Column values, or null when the solver found no usable solution in time. */
  readonly values: Float64Array | null;
  /** A lower bound the solver proved on the aggregated objective, if any. */
  readonly bound: number | null;
  readonly status: "optimal" | "time-limit" | "failed";
  readonly note: string;
}

const FEASIBILITY_TOLERANCE = 1e-5;
/** The gaps at which HiGHS may stop and call a solution optimal: relative (ours), absolute (its default). */
const MIP_REL_GAP = 1e-6;
const MIP_ABS_GAP = 1e-6;

/** A MIP solved by HiGHS under a time limit: its best solution, if any, and the bound it proved. */
export async function solveWithHighs(mip: Mip, timeLimitMs: number, relGap = MIP_REL_GAP): Promise<ExactAnswer> {
  const highs = await loadHighs();
  const big = (v: number) => (Number.isFinite(v) ? v : v > 0 ? highs.infinity : -highs.infinity);
  const model = highs.createModel({
    numCols: mip.cols.length,
    numRows: mip.rows.length,
    colCost: Float64Array.from(mip.cols, (c) => c.cost),
    colLower: Float64Array.from(mip.cols, (c) => c.lower),
    colUpper: Float64Array.from(mip.cols, (c) => big(c.upper)),
    rowLower: Float64Array.from(mip.rows, (r) => big(r.lower)),
    rowUpper: Float64Array.from(mip.rows, (r) => big(r.upper)),
    matrix: { format: "csr", numRows: mip.rows.length, numCols: mip.cols.length, ...mip.toCsr() },
    integrality: Int32Array.from(mip.cols, (c) => (c.integer ? 1 : 0)),
  });
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitMs / 1000, mip_rel_gap: relGap });
    model.run();
    const status = model.getModelStatus();
    const info = (name: string) => {
      const v = model.info.get(name);
      return typeof v === "bigint" ? Number(v) : (v as number);
    };
    const primal = info("primal_solution_status") === 2;
    const values = primal ? Float64Array.from(model.getSolution().colValue) : null;
    const dual = info("mip_dual_bound");
    const optimal = status === highs.constants.modelStatus.optimal;
    // A model its presolve solves outright is reported optimal with a dual bound of 0: the optimum of a solution that
    // keeps every row, less the gaps HiGHS may leave (relative, and its absolute 1e-6), is then the bound it proved.
    const usable = optimal && values !== null && mip.violation(values) <= FEASIBILITY_TOLERANCE;
    const proved = usable ? mip.objective(values) * (1 - Math.sign(mip.objective(values)) * relGap) - MIP_ABS_GAP : -Infinity;
    const bound = Math.max(Number.isFinite(dual) ? dual : -Infinity, proved);
    return {
      values,
      bound: Number.isFinite(bound) ? bound : null,
      status: optimal ? "optimal" : values ? "time-limit" : "failed",
      note: `HiGHS model status ${status}`,
    };
  } finally {
    model.dispose();
  }
}

function solveWithLpSolver(agg: Aggregated, timeLimitMs: number): ExactAnswer {
  const { mip } = agg;
  const constraints: Record<string, { min?: number; max?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  mip.cols.forEach((c, j) => {
    variables[`c${j}`] = { cost: c.cost };
    if (c.integer) ints[`c${j}`] = 1;
    if (Number.isFinite(c.upper)) {
      constraints[`ub${j}`] = { max: c.upper };
      variables[`c${j}`][`ub${j}`] = 1;
    }
  });
  mip.rows.forEach((r, i) => {
    constraints[`r${i}`] = { ...(Number.isFinite(r.lower) ? { min: r.lower } : {}), ...(Number.isFinite(r.upper) ? { max: r.upper } : {}) };
    for (const [j, coef] of r.terms) variables[`c${j}`][`r${i}`] = coef;
  });
  const started = Date.now();
  const result = lpSolver.Solve({
    optimize: "cost",
    opType: "min",
    constraints,
    variables,
    ints,
    options: { timeout: timeLimitMs },
  }) as Record<string, unknown>;
  const values = new Float64Array(mip.cols.length);
  mip.cols.forEach((_, j) => (values[j] = Number(result[`c${j}`] ?? 0)));
  // Its "optimal" has been wrong before (solver-notes.md): only a solution that satisfies every row is used.
  const usable = result.feasible && mip.violation(values) <= FEASIBILITY_TOLERANCE;
  const timedOut = Date.now() - started >= timeLimitMs;
  return {
    values: usable ? values : null,
    bound: null,
    status: usable ? (timedOut ? "time-limit" : "optimal") : "failed",
    note: usable
      ? "javascript-lp-solver"
      : `javascript-lp-solver returned ${result.feasible ? "a solution that breaks the model" : "no feasible solution"}`,
  };
}

export interface ProvenBounds {
  /** On the weighted objective, from the aggregated model. */
  readonly bound: number | null;
  /** On unmet hours, from the staffed model with unmet hours as its only cost. */
  readonly unmetHoursBound: number | null;
  /** On billable days short, from the staffed model with days as its only cost. */
  readonly unmetDaysBound: number | null;
  /** On the medium tier (unmet hours and billable days at their weights), from the day-bundle model. */
  readonly mediumBound: number | null;
}

/**
 * Lower bounds proved by HiGHS within the time limit, a quarter of it for each model. The medium tier's comes first,
 * and is handed to `onMedium` as soon as it is proved, so a search running beside it can stop there.
 */
export async function provenBounds(
  scenario: Scenario,
  options: SolveOptions,
  onMedium: (bound: number) => void = () => {},
): Promise<ProvenBounds> {
  const model = compile(scenario);
  const weights = weightsWith(options.weights);
  const quarter = Math.max(10, options.timeLimitMs / 4);
  const bundles = dayBundleModel(model, weights);
  // Closed to HiGHS's absolute gap: the bound must prove a roster at the optimum, not one 1e-6 of it below.
  const medium = bundles ? await solveWithHighs(bundles, quarter, 0) : null;
  // Rounded down to a ten-thousandth, past HiGHS's own tolerance of 1e-6.
  const mediumBound = medium?.bound == null ? null : Math.max(0, Math.floor(medium.bound * 1e4 + 1e-2) / 1e4);
  if (mediumBound !== null) onMedium(mediumBound);
  const only = (term: "unmet-hours" | "unmet-days") =>
    solveWithHighs(staffedModel(model, { ...weights, "unmet-hours": 0, "unmet-days": 0, [term]: 1 }).mip, quarter);
  const hours = await only("unmet-hours");
  const days = await only("unmet-days");
  const objective = await solveWithHighs(aggregate(model, weights).mip, quarter);
  // The dual bound, rounded down to a ten-thousandth of an hour past floating-point noise, as the counting bound is;
  // days are whole, so their bound rounds up.
  const floor = hours.bound === null ? null : Math.max(0, Math.floor(hours.bound * 1e4 + 1e-6) / 1e4);
  const wholeDays = days.bound === null ? null : Math.max(0, Math.ceil(days.bound - 1e-6));
  const objectiveBound = objective.bound === null ? mediumBound : Math.max(objective.bound, mediumBound ?? 0);
  return { bound: objectiveBound, unmetHoursBound: floor, unmetDaysBound: wholeDays, mediumBound };
}

export type ExactSolver = "highs" | "lp-solver";

export async function solveExact(scenario: Scenario, options: SolveOptions, solver: ExactSolver): Promise<Roster> {
  const startedAt = Date.now();
  const model = compile(scenario);
  const weights = weightsWith(options.weights);
  const agg = aggregate(model, weights);
  const answer = solver === "highs" ? await solveWithHighs(agg.mip, options.timeLimitMs) : solveWithLpSolver(agg, options.timeLimitMs);
  const state = planToState(model, weights, agg, answer.values);
  const { reach, bound, unmetHours: hoursFloor } = reachAndBound(model, weights);
  const proven = answer.bound === null ? bound : Math.max(bound, answer.bound);
  return toRoster(state, reach, {
    engine: solver === "highs" ? "highs-mip" : "lp-solver-mip",
    status: answer.status === "optimal" ? "feasible" : "time-limit",
    bound: proven,
    unmetHoursBound: hoursFloor,
    timeMs: Date.now() - startedAt,
    seed: options.seed,
    iterations: 0,
  });
}
