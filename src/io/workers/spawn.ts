// Starting a TypeScript worker thread through the loader entry.
import { Worker } from "node:worker_threads";

export function spawnWorker(module: URL): Worker {
  return new Worker(new URL("./entry.mjs", import.meta.url), { workerData: { module: module.href } });
}
