// quick-start.mjs, which `npm run export` goes through: the command bundled once, the bundle made again when a
// source changes, and the same file written as through the TypeScript loader.
import { mkdtempSync, readFileSync, readdirSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, RUNS_COMMANDS, runCommand, runQuick } from "../commands.js";

const CACHE = join(ROOT, "node_modules/.cache/iop-roster");
const bundles = () => readdirSync(CACHE).filter((f) => f.startsWith("src-io-cli-export-") && f.endsWith(".mjs"));

describe.runIf(RUNS_COMMANDS)("quick-start", () => {
  it("writes what the loader writes, and bundles again when a source changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "quick-start-"));
    const roster = join(dir, "roster.json");
    expect(runCommand("src/io/cli/main.ts", ["roster", "scenarios/rural-25.json", "--iterations", "2000", "--out", roster]).status).toBe(0);
    const args = (out: string) => ["scenarios/rural-25.json", roster, "--format", "groups-csv", "--out", join(dir, out)];
    expect(runQuick("src/io/cli/export.ts", args("quick.csv")).status).toBe(0);
    expect(runCommand("src/io/cli/export.ts", args("loader.csv")).status).toBe(0);
    expect(readFileSync(join(dir, "quick.csv"), "utf8")).toBe(readFileSync(join(dir, "loader.csv"), "utf8"));

    const before = bundles().sort((a, b) => statSync(join(CACHE, b)).mtimeMs - statSync(join(CACHE, a)).mtimeMs)[0];
    const model = join(ROOT, "models/tracks.json");
    const { atime, mtime } = statSync(model);
    try {
      utimesSync(model, atime, new Date());
      const started = Date.now();
      expect(runQuick("src/io/cli/export.ts", args("again.csv")).status).toBe(0);
      const made = bundles().filter((b) => b !== before && statSync(join(CACHE, b)).mtimeMs >= started);
      expect(made.length).toBeGreaterThan(0);
    } finally {
      utimesSync(model, atime, mtime);
    }
  }, 60_000);
});
