// Starting a worker thread from a bundle of its sources (../bundle/bundle.mjs): through the TypeScript loader a
// thread spends most of a second compiling before it runs a line, and a server's pool, a proof beside a search and a
// network solve all wait for theirs.
import { Worker } from "node:worker_threads";
import { bundleOf } from "../bundle/bundle.mjs";

/** `entry` is the worker's source, a path from the repository's root; its bundle is made first if a source changed. */
export function spawnWorker(entry: string, data: Record<string, unknown> = {}): Worker {
  return new Worker(bundleOf(entry), { workerData: data });
}
