// A network of clinics solved in parallel: each clinic's week is independent, so clinics are handed to a pool of
// worker threads, largest first, and the rosters come back in the clinics' order.
import { availableParallelism } from "node:os";
import type { Roster, Scenario, SolveOptions } from "../../domain/index.js";
import { solve } from "../../solver/solve.js";
import { spawnWorker } from "../workers/spawn.js";

export interface NetworkOptions {
  /** Worker threads; 1 solves on the calling thread. Default: the machine's cores. */
  readonly threads?: number;
}

export async function solveNetwork(clinics: readonly Scenario[], options: SolveOptions, network: NetworkOptions = {}): Promise<Roster[]> {
  const threads = Math.max(1, Math.min(network.threads ?? availableParallelism(), clinics.length));
  if (threads === 1) return clinics.map((c) => solve(c, options));
  const order = clinics.map((_, i) => i).sort((a, b) => clinics[b].patients.length - clinics[a].patients.length || a - b);
  const rosters: Roster[] = new Array(clinics.length);
  const workers = Array.from({ length: threads }, () => spawnWorker("src/io/network/worker.ts"));
  try {
    let next = 0;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= order.length) return resolve();
              const index = order[next++];
              worker.postMessage({ index, scenario: clinics[index], options });
            };
            worker.on("message", (msg: { index: number; roster?: Roster; error?: string }) => {
              if (msg.error || !msg.roster) return reject(new Error(`clinic ${msg.index} failed in a worker (${msg.error})`));
              rosters[msg.index] = msg.roster;
              feed();
            });
            worker.on("error", reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return rosters;
}
