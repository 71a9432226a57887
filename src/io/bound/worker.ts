// HiGHS bounds on a thread of their own, so the local search keeps the main thread and a WASM crash stays here. The
// medium tier's bound is also written to memory shared with the search as soon as it is proved: the search cannot
// read messages while it runs, but it reads that number between iterations.
import { parentPort } from "node:worker_threads";
import { Scenario, SolveOptions } from "../../domain/index.js";
import { provenBounds } from "../../solver/exact/engines.js";

parentPort?.once("message", async (job: { scenario: unknown; options: unknown; medium: SharedArrayBuffer }) => {
  const medium = new Float64Array(job.medium);
  try {
    parentPort?.postMessage(
      await provenBounds(Scenario.parse(job.scenario), SolveOptions.parse(job.options), (bound) => {
        medium[1] = Date.now();
        medium[0] = bound;
      }),
    );
  } catch (error) {
    parentPort?.postMessage({ bound: null, unmetHoursBound: null, unmetDaysBound: null, mediumBound: null, error: (error as Error).name });
  }
});
