// The commands as a coordinator runs them (`npm run roster` is tsx on src/io/cli/main.ts): a node process with tsx's
// loader (what the tsx command starts, less its own wrapper process), from the repository's root. Tests that run one
// are `runIf(RUNS_COMMANDS)`: `npm run test:unit` spawns nothing (vitest.unit.config.ts sets UNIT_TESTS_ONLY), so
// a file whose other tests need no process stays in the unit run.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import type { Roster, Scenario } from "../src/domain/index.js";
import { openDb } from "../src/io/store/db.js";
import { migrate } from "../src/io/store/migrations.js";
import { RosterArchive } from "../src/io/store/rosters.js";

export const ROOT = new URL("../", import.meta.url).pathname;
export const RUNS_COMMANDS = process.env.UNIT_TESTS_ONLY !== "1";

/** `script` (a path from the root) with `args`; its exit status, stdout and stderr as text. */
export function runCommand(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, encoding: "utf8", env });
}

/** `npm run export` as package.json starts it: the command bundled once by quick-start.mjs, no TypeScript loader. */
export function runQuick(script: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["src/io/cli/quick-start.mjs", script, ...args], { cwd: ROOT, encoding: "utf8" });
}

/**
 * A week published in the PGlite folder `dataDir` that a command then opens (DATA_DIR), before any command runs: the
 * database a coordinator's machine has after `npm run roster -- … --publish`.
 */
export async function publishedIn(dataDir: string, scenario: Scenario, roster: Roster): Promise<void> {
  const db = await openDb({ dataDir });
  await migrate(db);
  await new RosterArchive(db).publish("test", scenario, roster);
  await db.close();
}
