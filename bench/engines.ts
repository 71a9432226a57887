// The engines the bench compares, behind one shape: scenario and options in, roster out.
import type { Roster, Scenario, SolveOptions } from "../src/domain/index.js";
import { solveExact } from "../src/solver/exact/engines.js";
import { firstFit } from "../src/solver/first-fit.js";
import { solve } from "../src/solver/solve.js";

export interface Engine {
  readonly name: string;
  readonly label: string;
  /** Runs whose median is reported; exact solvers under a cap run once. */
  readonly runs: (quick: boolean) => number;
  readonly run: (scenario: Scenario, options: SolveOptions) => Promise<Roster> | Roster;
}

export const ENGINES: readonly Engine[] = [
  { name: "local-search", label: "ours (local search)", runs: (quick) => (quick ? 1 : 3), run: solve },
  { name: "first-fit", label: "greedy first-fit", runs: (quick) => (quick ? 1 : 3), run: firstFit },
  { name: "lp-solver-mip", label: "MIP, javascript-lp-solver", runs: () => 1, run: (s, o) => solveExact(s, o, "lp-solver") },
  { name: "highs-mip", label: "MIP, HiGHS (WASM)", runs: () => 1, run: (s, o) => solveExact(s, o, "highs") },
];

export function engineByName(name: string): Engine {
  const found = ENGINES.find((e) => e.name === name);
  if (!found) throw new Error(`unknown engine ${name}`);
  return found;
}
