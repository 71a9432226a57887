// Starting a TypeScript worker thread: through the loader entry, or from a bundle of its sources when it must be
// working at once (the TypeScript loader spends most of a second before the worker runs a line).
import { Worker } from "node:worker_threads";
import { bundleOf } from "../bundle/bundle.mjs";

export function spawnWorker(module: URL, data: Record<string, unknown> = {}): Worker {
  return new Worker(new URL("./entry.mjs", import.meta.url), { workerData: { ...data, module: module.href } });
}

/** `entry` is a path from the repository's root; its bundle is made first if its sources changed since the last. */
export async function spawnBundled(entry: string, data: Record<string, unknown> = {}): Promise<Worker> {
  return new Worker(await bundleOf(entry), { workerData: data });
}
