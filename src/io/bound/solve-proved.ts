// The local search on this thread and HiGHS lower bounds on another, both within the time limit: the roster
// comes from the search, the bound from whichever proves more.
import type { Roster, Scenario, SolveOptions } from "../../domain/index.js";
import { type SolveHooks, solve } from "../../solver/solve.js";
import { withBound } from "../../solver/to-roster.js";
import { spawnWorker } from "../workers/spawn.js";
import type { ProvenBounds } from "../../solver/exact/engines.js";

export async function solveProved(scenario: Scenario, options: SolveOptions, hooks: SolveHooks = {}): Promise<Roster> {
  const startedAt = Date.now();
  const worker = spawnWorker(new URL("./worker.ts", import.meta.url));
  const bounds = new Promise<ProvenBounds | null>((resolve) => {
    worker.once("message", (msg: ProvenBounds) => resolve(msg));
    worker.once("error", () => resolve(null));
    worker.once("exit", () => resolve(null));
  });
  worker.postMessage({ scenario, options });
  try {
    const roster = solve(scenario, options, hooks);
    const left = Math.max(0, startedAt + options.timeLimitMs + 1000 - Date.now());
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), left).unref());
    const proven = await Promise.race([bounds, timeout]);
    const proved = withBound(roster, proven?.bound ?? null, proven?.unmetHoursBound ?? null, proven?.unmetDaysBound ?? null);
    return { ...proved, solver: { ...proved.solver, timeMs: Date.now() - startedAt } };
  } finally {
    await worker.terminate();
  }
}
