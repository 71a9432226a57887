// npm run compare: two scenarios' results side by side, and exactly the patients whose week differs.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { compareRosters } from "../../src/app/compare.js";
import { solve } from "../../src/solver/solve.js";
import { ROOT, RUNS_COMMANDS, runCommand } from "../commands.js";
import { facilitator, patient, scenario, scenarioInput } from "../fixtures.js";

describe("compare", () => {
  const a = scenarioInput();
  // The what-if: one more patient, and P1 now works Monday evenings.
  const b = scenarioInput({
    patients: [
      patient("P1", { unavailable: [{ days: ["mon"], start: "17:00", end: "22:00", kind: "work" }] }),
      ...a.patients.slice(1),
      patient("N1"),
    ],
  });
  const options = SolveOptions.parse({ seed: 1, maxIterations: 3000 });

  it("lists the figures side by side and exactly who changed", () => {
    const [ra, rb] = [solve(scenario(a), options), solve(scenario(b), options)];
    const lines = compareRosters(ra, rb, ["this week", "what if"]);
    expect(lines[1]).toMatch(/^ {2}patients\s+8\s+9$/);
    const changed = lines.slice(lines.findIndex((l) => l.startsWith("Patients whose week differs")) + 1);
    expect(changed).toContain("  N1: only in what if");
    expect(changed.some((l) => l.startsWith("  P1: 9 h (Mon 18:00 F1, Wed 18:00 F1, Fri 18:00 F1) → "))).toBe(true);
    const groups = (r: typeof ra, ids: string[]) =>
      JSON.stringify(ids.map((id) => r.sessions.find((s) => s.id === id)!).map((s) => [s.slotId, s.facilitatorId]));
    const unchanged = ra.patients.filter((p) => {
      const q = rb.patients.find((x) => x.id === p.id)!;
      return groups(ra, p.sessionIds) === groups(rb, q.sessionIds) && p.scheduledHours === q.scheduledHours;
    });
    for (const p of unchanged) expect(changed.some((l) => l.startsWith(`  ${p.id}:`))).toBe(false);
  });

  it("lists a patient whose lead changed though their days did not", () => {
    const two = scenarioInput({ facilitators: [facilitator("F1"), facilitator("F2")] });
    const onlyF2 = scenarioInput({ facilitators: [facilitator("F2")] });
    const [ra, rb] = [solve(scenario(two), options), solve(scenario(onlyF2), options)];
    const changed = compareRosters(ra, rb, ["a", "b"]).filter((l) => / → /.test(l));
    const ledByF1 = ra.patients.filter((p) => p.sessionIds.some((id) => ra.sessions.find((s) => s.id === id)!.facilitatorId === "F1"));
    expect(ledByF1.length).toBeGreaterThan(0);
    for (const p of ledByF1) expect(changed.some((l) => l.startsWith(`  ${p.id}: `) && l.includes("F2"))).toBe(true);
  });

  it.runIf(RUNS_COMMANDS)("runs from the command line on two files", () => {
    const dir = mkdtempSync(join(tmpdir(), "compare-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify(a));
    writeFileSync(join(dir, "b.json"), JSON.stringify(b));
    const run = runCommand("src/io/cli/compare.ts", [join(dir, "a.json"), join(dir, "b.json"), "--iterations", "3000"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("N1: only in");
    expect(run.stdout.trimEnd().endsWith("42 CFR part 2 prohibits unauthorized disclosure of these records.")).toBe(true);
  });

  it.runIf(RUNS_COMMANDS)(
    "reads a clinic kept as spreadsheets from its folder: the Ohio sample against a copy without its last patient row",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "compare-csv-"));
      cpSync(join(ROOT, "scenarios/ohio-60"), dir, { recursive: true });
      const rows = readFileSync(join(dir, "patients.csv"), "utf8").trimEnd().split("\n");
      const discharged = rows.at(-1)!.split(",")[0];
      writeFileSync(join(dir, "patients.csv"), `${rows.slice(0, -1).join("\n")}\n`);
      const run = runCommand("src/io/cli/compare.ts", ["scenarios/ohio-60", dir, "--iterations", "3000"]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain("read 60 patients from scenarios/ohio-60/patients.csv and 5 facilitators");
      expect(run.stdout).toMatch(/^ {2}patients\s+60\s+59$/m);
      expect(run.stdout).toContain(`  ${discharged}: only in scenarios/ohio-60`);
    },
  );
});
