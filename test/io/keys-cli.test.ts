// `npm run keys` and the commands that take a roster with a scenario, as an operator and a coordinator run them:
// a key printed once and kept as a hash, listed, revoked; a roster of another week refused with exit 2, naming both.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { RUNS_COMMANDS, runCommand } from "../commands.js";
import { scenario, scenarioInput } from "../fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "roster-keys-"));
const env = { ...process.env, DATA_DIR: join(dir, "pglite"), DATABASE_URL: "" };
const run = (file: string, ...args: string[]) => runCommand(`src/io/cli/${file}.ts`, args, env);

describe.runIf(RUNS_COMMANDS)("npm run keys", () => {
  it("makes a key shown once, lists it without the key, revokes it, and refuses an admin for some clinics", () => {
    const made = run("keys", "create", "--clinic", "clinic-a", "--clinic", "clinic-b", "--role", "reader", "--label", "front desk");
    expect(made.status, made.stderr).toBe(0);
    const key = made.stdout.trim();
    expect(key).toMatch(/^iop_[A-Za-z0-9_-]{43}$/);
    const id = /made ([0-9a-f]{16})/.exec(made.stderr)![1];
    const listed = run("keys", "list");
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+reader\\s+clinic-a,clinic-b\\s+live\\s+front desk$`, "m"));
    expect(listed.stdout).not.toContain(key);
    const revoked = run("keys", "revoke", id);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain("revoked");
    const both = run("keys", "create", "--role", "reader", "--clinic", "clinic-a", "--all-clinics");
    expect([both.status, both.stderr.split("\n")[0]]).toEqual([2, "either --clinic (one or more) or --all-clinics, not both"]);
    const admin = run("keys", "create", "--role", "admin", "--clinic", "clinic-a");
    expect(admin.status).toBe(2);
    expect(admin.stderr).toContain('clinics: an admin acts for every clinic: clinics must be "all"');
  }, 60_000);
});

describe.runIf(RUNS_COMMANDS)("a roster of another week", () => {
  it("check refuses it with exit 2, naming both weeks", () => {
    const input = scenarioInput();
    const roster = solve(scenario(input), SolveOptions.parse({ seed: 1, maxIterations: 300 }));
    const nextWeek = join(dir, "next.json");
    const rosterFile = join(dir, "roster.json");
    writeFileSync(nextWeek, JSON.stringify({ ...input, clinic: { ...input.clinic, weekStart: "2026-12-07" } }));
    writeFileSync(rosterFile, JSON.stringify(roster));
    const check = run("main", "check", nextWeek, rosterFile);
    expect(check.status).toBe(2);
    expect(check.stderr).toContain(
      "roster: expected a roster of clinic test-clinic, week of 2026-12-07; this one is of clinic test-clinic, week of 2026-11-30",
    );
  }, 60_000);
});
