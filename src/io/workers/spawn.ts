// Starting a TypeScript worker thread through the loader entry.
import { Worker } from "node:worker_threads";

export function spawnWorker(module: URL, data: Record<string, unknown> = {}): Worker {
  return new Worker(new URL("./entry.mjs", import.meta.url), { workerData: { ...data, module: module.href } });
}
