// What every command line shares: exit codes, an error that carries one, reading a scenario, the solve options.
import { Scenario, SolveOptions, parseWith } from "../../domain/index.js";
import { formatProblems, readJson } from "../read-json.js";

export const EXIT = { ok: 0, violations: 1, badInput: 2, failed: 3 } as const;

export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export async function loadScenario(path: string): Promise<Scenario> {
  const raw = await readJson(path);
  if (!raw.ok) throw new ExitError(EXIT.badInput, formatProblems("scenario", raw.problems));
  const parsed = parseWith(Scenario, raw.value);
  if (!parsed.ok) throw new ExitError(EXIT.badInput, formatProblems(`scenario ${path}`, parsed.problems));
  return parsed.value;
}

/** --seed and --iterations as solve options; the same seed and budget make every solve of a comparison alike. */
export function solveOptionsOf(values: { seed?: string; iterations?: string }, usage: string): SolveOptions {
  const options = parseWith(SolveOptions, {
    seed: values.seed ? Number(values.seed) : 1,
    maxIterations: values.iterations ? Number(values.iterations) : undefined,
  });
  if (!options.ok) throw new ExitError(EXIT.badInput, `${formatProblems("options", options.problems)}\n${usage}`);
  return options.value;
}

/** Runs a command: its exit code, or an ExitError's message on stderr and its code. */
export async function run(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return error.code;
  }
}
