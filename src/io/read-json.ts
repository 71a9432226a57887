// Reading a JSON input file, with errors that name the file and never echo its contents.
import { readFile } from "node:fs/promises";
import { type InputProblem, type Parsed } from "../domain/index.js";

export async function readJson(path: string): Promise<Parsed<unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    return { ok: false, problems: [{ path: "(file)", message: `cannot read ${path} (${code})` }] };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `${path} is not valid JSON: ${(error as Error).message}` }] };
  }
}

export function formatProblems(what: string, problems: readonly InputProblem[]): string {
  return [`${what} is not valid:`, ...problems.map((p) => `  - ${p.path}: ${p.message}`)].join("\n");
}
