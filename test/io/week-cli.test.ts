// `npm run week` as a coordinator runs it on Friday: next week's scenario from the record, with this week's changes
// from a spreadsheet, written to a file, and what changed on stderr; then the stays on record, one line each.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Scenario, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { RUNS_COMMANDS, publishedIn, runCommand } from "../commands.js";
import { scenario } from "../fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "roster-week-"));
const dataDir = join(dir, "pglite");
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
const week = scenario();
const roster = solve(week, SolveOptions.parse({ seed: 1, maxIterations: 500 }));

describe.runIf(RUNS_COMMANDS)("npm run week", () => {
  beforeAll(() => publishedIn(dataDir, week, roster), 60_000);

  it("writes next week's scenario with the changes applied, says what changed, and lists the stays", () => {
    const changes = join(dir, "changes.csv");
    writeFileSync(
      changes,
      "Change,ID,Level,Track,Admission date,Reason\ndischarge,P8,,,,moved away\nadmit,N1,iop,substance-use,2026-12-07,\n",
    );
    const out = join(dir, "next.json");
    const made = runCommand("src/io/cli/week.ts", ["next", "test-clinic", "--changes", changes, "--out", out], env);
    expect(made.status).toBe(0);
    expect(made.stderr).toContain("week of 2026-12-07: 8 patients (admitted: N1; discharged: P8; stepped down: none)");
    expect(made.stderr).toContain("no attendance recorded for last week");
    const next = Scenario.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(next.patients.map((p) => p.id)).toEqual(["P1", "P2", "P3", "P4", "P5", "P6", "P7", "N1"]);
    expect(next.previous?.length).toBeGreaterThan(0);
    const stays = runCommand("src/io/cli/week.ts", ["stays", "test-clinic"], env);
    expect(stays.status).toBe(0);
    expect(stays.stdout.split("\n").filter(Boolean)).toHaveLength(9);
    expect(stays.stdout).toMatch(/^P1 +iop +1 wk {2}groups \d+\/\d+ {2}core 0\/12/m);
  }, 60_000);

  it("refuses a changes file with a bad row by row and column, and a clinic with nothing published (exit 2)", () => {
    const changes = join(dir, "bad.csv");
    writeFileSync(changes, "Change,ID\nadmit,N2\n");
    const bad = runCommand("src/io/cli/week.ts", ["next", "test-clinic", "--changes", changes], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('row 2, no "level" column');
    const none = runCommand("src/io/cli/week.ts", ["next", "no-such-clinic"], env);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no roster of clinic no-such-clinic is published");
  }, 60_000);
});
