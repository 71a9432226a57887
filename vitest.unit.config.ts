// `npm run test:unit`: the inner loop, every test that runs inside the test worker alone (PGlite and worker threads
// included). A file is left out when it, or a test/ or bench/ helper it imports, uses what a unit run goes without,
// so a new file falls under the rule by what it uses: a spawned process (node:child_process, the server as a
// process), a browser (test/browser/, playwright) or the exact solver (src/solver/exact/, the HiGHS-proved bound).
// The commands run through test/commands.ts do not count: those tests are skipped here (UNIT_TESTS_ONLY), the rest
// of their file runs; so are the PostgreSQL server's (test/store/databases.ts). `npm test` runs everything.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

const root = dirname(fileURLToPath(import.meta.url));
const NEEDS_MORE =
  /["'](node:child_process|[^"']*\/server-process(\.js)?|playwright[^"']*|[^"']*\/solver\/exact\/[^"']*|[^"']*\/bound\/solve-proved(\.js)?)["']/;
const COMMANDS = join(root, "test/commands.ts");
const IMPORT = /(?:from\s+|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** Whether the file, or a helper of test/ or bench/ it imports, uses what a unit run goes without. */
function needsMore(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  if (NEEDS_MORE.test(text)) return true;
  return [...text.matchAll(IMPORT)].some(([, spec]) => {
    const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
    return !relative(root, target).startsWith("src") && target !== COMMANDS && needsMore(target, seen);
  });
}

const testFiles = readdirSync(join(root, "test"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".test.ts"));
export const OUTSIDE_UNIT = testFiles
  .filter((f) => f.startsWith("browser/") || needsMore(join(root, "test", f)))
  .map((f) => `test/${f}`)
  .sort();

export default mergeConfig(
  base,
  defineConfig({
    test: { exclude: [...configDefaults.exclude, ...OUTSIDE_UNIT], env: { UNIT_TESTS_ONLY: "1" } },
  }),
);
