// Bad input becomes a list of JSON paths and what was expected there; never a stack trace.
import { z } from "zod";

export interface InputProblem {
  /** JSON path such as "patients[3].unavailable[0].end". */
  readonly path: string;
  readonly message: string;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

/**
 * Unknown keys inside a patient are named by their path and count, never by their text: a key can carry health
 * data (a name typed as a field name), and errors are logged and sent back. Elsewhere the key is named.
 */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys" && issue.path.includes("patients")) {
    const n = issue.keys.length;
    return `${n} unknown field${n > 1 ? "s" : ""} here; only the documented fields are accepted`;
  }
  return issue.message;
}

/** Problems listed in full; past this, one more line says how many were left out (errors never balloon). */
export const PROBLEMS_LISTED = 50;

export function problemsOf(error: z.ZodError): InputProblem[] {
  const listed = error.issues.slice(0, PROBLEMS_LISTED).map((issue) => ({ path: jsonPath(issue.path), message: messageOf(issue) }));
  const more = error.issues.length - listed.length;
  return more > 0
    ? [...listed, { path: "(more)", message: `${more} more problem${more > 1 ? "s" : ""} not listed; fix these first` }]
    : listed;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) };
}
