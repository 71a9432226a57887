// The engines the bench compares, behind one shape: scenario and options in, roster out.
import type { Roster, Scenario, SolveOptions } from "../src/domain/index.js";
import { firstFit } from "../src/solver/first-fit.js";
import { solve } from "../src/solver/solve.js";

export interface Engine {
  readonly name: string;
  readonly run: (scenario: Scenario, options: SolveOptions) => Roster;
}

export const ENGINES: readonly Engine[] = [
  { name: "local-search", run: (scenario, options) => solve(scenario, options) },
  { name: "first-fit", run: firstFit },
];
