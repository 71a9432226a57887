// The local search on this thread and HiGHS lower bounds on another, both within the time limit: the roster
// comes from the search, the bound from whichever proves more.
import { type Roster, type Scenario, type SolveOptions, mediumOf } from "../../domain/index.js";
import { type SolveHooks, solve } from "../../solver/solve.js";
import { withBound } from "../../solver/to-roster.js";
import { spawnWorker } from "../workers/spawn.js";
import type { ProvenBounds } from "../../solver/exact/engines.js";

export async function solveProved(scenario: Scenario, options: SolveOptions, hooks: SolveHooks = {}): Promise<Roster> {
  const startedAt = Date.now();
  const worker = spawnWorker("src/io/bound/worker.ts");
  const bounds = new Promise<ProvenBounds | null>((resolve) => {
    worker.once("message", (msg: ProvenBounds) => resolve(msg));
    worker.once("error", () => resolve(null));
    worker.once("exit", () => resolve(null));
  });
  // The worker writes the medium tier's bound here when proved, and when it did; 0 bounds every roster until then.
  const medium = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
  worker.postMessage({ scenario, options, medium: medium.buffer });
  try {
    const roster = solve(scenario, options, { ...hooks, mediumFloor: () => medium[0] });
    const left = Math.max(0, startedAt + options.timeLimitMs + 1000 - Date.now());
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), left).unref());
    const proven = await Promise.race([bounds, timeout]);
    const proved = withBound(
      roster,
      proven?.bound ?? null,
      proven?.unmetHoursBound ?? null,
      proven?.unmetDaysBound ?? null,
      proven?.mediumBound ?? null,
    );
    // A bound proved after the search ended proves the roster from the moment it was proved.
    const provenLater = medium[1] > 0 && mediumOf(proved) <= medium[0] + 1e-6;
    const provenAtMs = proved.solver.provenAtMs ?? (provenLater ? medium[1] - startedAt : null);
    return { ...proved, solver: { ...proved.solver, provenAtMs, timeMs: Date.now() - startedAt } };
  } finally {
    await worker.terminate();
  }
}
