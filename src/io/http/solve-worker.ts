// A pool thread: solves one request at a time, reports progress, stops when its shared flag is raised,
// and re-checks the roster with the validator before handing it back.
import { parentPort, workerData } from "node:worker_threads";
import { Scenario, SolveOptions } from "../../domain/index.js";
import { generateScenario } from "../../generator/generate.js";
import { solve } from "../../solver/solve.js";
import { validate } from "../../validator/index.js";

export interface TaskMessage {
  readonly taskId: number;
  /** Parsed by the route before it was queued; a structured clone keeps it as it was. */
  readonly scenario: Scenario;
  readonly options: SolveOptions;
  /** Int32Array over a SharedArrayBuffer: 1 = stop now and return the best roster so far. */
  readonly stop: Int32Array;
}

// Messages wait in the port meanwhile: the first task starts once this is done.
if (workerData?.warmUp) {
  const scenario = Scenario.parse(generateScenario({ shape: "urban", patients: 60, seed: 1 }));
  validate(scenario, solve(scenario, SolveOptions.parse({ seed: 1, maxIterations: 5000 })));
  parentPort?.postMessage({ type: "warm" });
}

parentPort?.on("message", (task: TaskMessage) => {
  parentPort?.postMessage({ taskId: task.taskId, type: "started" });
  try {
    const { scenario } = task;
    const roster = solve(scenario, task.options, {
      onProgress: (progress) => parentPort?.postMessage({ taskId: task.taskId, type: "progress", progress }),
      shouldStop: () => Atomics.load(task.stop, 0) === 1,
    });
    const report = validate(scenario, roster);
    if (!report.valid) return parentPort?.postMessage({ taskId: task.taskId, type: "error", name: "ValidationFailed" });
    parentPort?.postMessage({ taskId: task.taskId, type: "done", roster });
  } catch (error) {
    // Only the kind of error crosses: its message could quote scenario data.
    parentPort?.postMessage({ taskId: task.taskId, type: "error", name: (error as Error).name });
  }
});
