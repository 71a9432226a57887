// Bad input becomes a list of JSON paths and what was expected there; never a stack trace.
import { z } from "zod";
import { shownText } from "./text.js";

export interface InputProblem {
  /** JSON path such as "patients[3].unavailable[0].end". */
  readonly path: string;
  readonly message: string;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    // A key is whatever the client typed (a record's key): shown as shownText makes it, as a message would.
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? shownText(String(key)) : `.${shownText(String(key))}`;
  }
  return out === "" ? "(root)" : out;
}

/** Edit distance, for "did you mean": small keys, small strings. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Every field name a schema accepts anywhere, read from its JSON Schema: the suggestions for a mistyped key. */
const fieldNames = new WeakMap<z.ZodType, string[]>();
function fieldsOf(schema: z.ZodType): string[] {
  let names = fieldNames.get(schema);
  if (!names) {
    const found = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      if (properties) for (const key of Object.keys(properties)) found.add(key);
      for (const value of Object.values(node)) walk(value);
    };
    walk(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }));
    names = [...found];
    fieldNames.set(schema, names);
  }
  return names;
}

function suggestion(key: string, fields: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const field of fields) {
    // The distance is at least the difference in length: a key of a megabyte costs nothing to rule out.
    if (Math.abs(key.length - field.length) >= bestDistance) continue;
    const d = distance(key, field);
    if (d < bestDistance) [best, bestDistance] = [field, d];
  }
  return best;
}

/**
 * Unknown keys inside a patient are named by their path and count, never by their text: a key can carry health
 * data (a name typed as a field name), and errors are logged and sent back. Elsewhere the key is named. Either
 * way a known field close to it is suggested; a missing field is called required.
 */
function messageOf(issue: z.core.$ZodIssue, fields: readonly string[]): string {
  if (issue.code === "unrecognized_keys") {
    const near = [...new Set(issue.keys.map((k) => suggestion(k, fields)).filter((k): k is string => k !== undefined))];
    const hint = near.length > 0 ? `; did you mean ${near.map((k) => `"${k}"`).join(" or ")}?` : "";
    if (issue.path.includes("patients")) {
      const n = issue.keys.length;
      return `${n} unknown field${n > 1 ? "s" : ""} here; only the documented fields are accepted${hint}`;
    }
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${listedNames(issue.keys)}${hint}`;
  }
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) return `required: expected ${issue.expected}`;
  if (issue.code === "invalid_key") return `this key: ${[...new Set(issue.issues.map((i) => i.message))].join("; ")}`;
  return issue.message;
}

/** Problems listed in full; past this, one more line says how many were left out (errors never balloon). */
export const PROBLEMS_LISTED = 50;

/** The same problem at the same place in many list entries (every patient's level) is one problem with the count. */
function collapse(problems: readonly { path: readonly PropertyKey[]; message: string }[]): InputProblem[] {
  const groups = new Map<string, { path: readonly PropertyKey[]; message: string; indices: number[] }>();
  for (const p of problems) {
    const at = p.path.findIndex((k) => typeof k === "number");
    const key = `${JSON.stringify(p.path.map((k, i) => (i === at ? "*" : k)))}\u0000${p.message}`;
    const group = groups.get(key) ?? { path: p.path, message: p.message, indices: [] };
    if (at >= 0) group.indices.push(p.path[at] as number);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ path, message, indices }) => {
    if (indices.length < 2) return { path: jsonPath(path), message };
    const at = path.findIndex((k) => typeof k === "number");
    const shown = indices.slice(0, 5).join(", ");
    const head = jsonPath(path.slice(0, at));
    const tail = jsonPath(path.slice(at + 1));
    return {
      path: `${head}[${shown}${indices.length > 5 ? ", …" : ""}]${tail === "(root)" ? "" : tail.startsWith("[") ? tail : `.${tail}`}`,
      message: `${message} (${indices.length} entries)`,
    };
  });
}

/** The first PROBLEMS_LISTED problems, then one that says how many more there are. */
export function listedProblems(all: readonly InputProblem[]): InputProblem[] {
  const listed = all.slice(0, PROBLEMS_LISTED);
  const more = all.length - listed.length;
  return more > 0
    ? [...listed, { path: "(more)", message: `${more} more problem${more > 1 ? "s" : ""} not listed; fix these first` }]
    : listed;
}

/**
 * Names for one message: the first PROBLEMS_LISTED quoted, then how many more ("a", "b" and 950 more). A name is
 * whatever the client typed (a JSON key, a mapping's field), so it is shown as shownText makes it.
 */
export function listedNames(names: readonly string[]): string {
  const shown = names.slice(0, PROBLEMS_LISTED).map((n) => `"${shownText(n)}"`);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

export function problemsOf(error: z.ZodError, schema?: z.ZodType): InputProblem[] {
  const fields = schema ? fieldsOf(schema) : [];
  return listedProblems(collapse(error.issues.map((issue) => ({ path: issue.path, message: messageOf(issue, fields) }))));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error, schema) };
}
