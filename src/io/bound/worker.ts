// A HiGHS bound on a thread of its own, so the local search keeps the main thread and a WASM crash stays here.
import { parentPort } from "node:worker_threads";
import { Scenario, SolveOptions } from "../../domain/index.js";
import { provenBound } from "../../solver/exact/engines.js";

parentPort?.once("message", async (job: { scenario: unknown; options: unknown }) => {
  try {
    parentPort?.postMessage({ bound: await provenBound(Scenario.parse(job.scenario), SolveOptions.parse(job.options)) });
  } catch (error) {
    parentPort?.postMessage({ bound: null, error: (error as Error).name });
  }
});
