// HiGHS bounds on a thread of their own, so the local search keeps the main thread and a WASM crash stays here.
import { parentPort } from "node:worker_threads";
import { Scenario, SolveOptions } from "../../domain/index.js";
import { provenBounds } from "../../solver/exact/engines.js";

parentPort?.once("message", async (job: { scenario: unknown; options: unknown }) => {
  try {
    parentPort?.postMessage(await provenBounds(Scenario.parse(job.scenario), SolveOptions.parse(job.options)));
  } catch (error) {
    parentPort?.postMessage({ bound: null, unmetHoursBound: null, unmetDaysBound: null, error: (error as Error).name });
  }
});
