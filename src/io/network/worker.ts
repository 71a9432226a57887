// One solver thread of a network solve: clinics in, rosters out, one message per clinic.
import { parentPort } from "node:worker_threads";
import { Scenario, SolveOptions } from "../../domain/index.js";
import { solve } from "../../solver/solve.js";

parentPort?.on("message", (job: { index: number; scenario: unknown; options: unknown }) => {
  try {
    const roster = solve(Scenario.parse(job.scenario), SolveOptions.parse(job.options));
    parentPort?.postMessage({ index: job.index, roster });
  } catch (error) {
    // The message could quote scenario data; the kind of error is enough to say which clinic failed.
    parentPort?.postMessage({ index: job.index, error: (error as Error).name });
  }
});
