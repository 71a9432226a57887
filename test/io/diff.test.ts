// The diff of two rosters: exactly who moved, with the reason a coordinator can check; admissions, discharges,
// groups opened and closed, and leads changed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Roster, SolveOptions } from "../../src/domain/index.js";
import { describeDiff, diffRosters } from "../../src/app/diff.js";
import { solve } from "../../src/solver/solve.js";
import { RUNS_COMMANDS, runCommand } from "../commands.js";
import { evening, facilitator, patient, scenario, scenarioInput } from "../fixtures.js";

const options = SolveOptions.parse({ seed: 1, maxIterations: 3000 });
const slots = evening(["mon", "tue", "wed", "thu", "fri"]);
const before = scenario({ slots, patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`)) });
const lastWeek = solve(before, options);
const groupsOf = (r: Roster, id: string) =>
  r.sessions
    .filter((s) => s.patientIds.includes(id))
    .map((s) => s.slotId)
    .sort();

describe("roster diff", () => {
  it("names nobody when nothing changed", () => {
    const diff = diffRosters({ roster: lastWeek, scenario: before }, { roster: lastWeek, scenario: before });
    expect(diff).toEqual({
      admitted: [],
      discharged: [],
      moved: [],
      groupsOpened: [],
      groupsClosed: [],
      leadsChanged: [],
      therapistsChanged: [],
    });
    expect(describeDiff(diff)).toEqual(["0 moved, 0 admitted, 0 discharged; 0 groups opened, 0 closed"]);
  });

  it("a new work shift, a discharge and an admission: each named with its reason", () => {
    const shifted = lastWeek.patients.find((p) => p.id === "P1")!;
    const hisDays = groupsOf(lastWeek, "P1").map((slotId) => slotId.split("-")[0]);
    const after = scenario({
      slots,
      patients: [
        patient("P1", { unavailable: [{ days: [hisDays[0] as "mon"], start: "17:00", end: "22:00", kind: "work" }] }),
        ...Array.from({ length: 6 }, (_, i) => patient(`P${i + 2}`)),
        patient("N1"),
      ],
    });
    const thisWeek = solve(after, options);
    const diff = diffRosters({ roster: lastWeek, scenario: before }, { roster: thisWeek, scenario: after });
    expect(diff.admitted).toEqual(["N1"]);
    expect(diff.discharged).toEqual(["P8"]);
    const moved = diff.moved.find((m) => m.patientId === shifted.id)!;
    expect(moved.why).toBe("windows changed");
    // Exactly the returning patients whose groups changed, each with its reason.
    const reallyMoved = ["P1", "P2", "P3", "P4", "P5", "P6", "P7"].filter(
      (id) => JSON.stringify(groupsOf(lastWeek, id)) !== JSON.stringify(groupsOf(thisWeek, id)),
    );
    expect(diff.moved.map((m) => m.patientId).sort()).toEqual(reallyMoved.sort());
    for (const m of diff.moved.filter((m) => m.patientId !== "P1")) expect(m.why).toBe("moved to fill or balance groups");
    expect(describeDiff(diff)).toContain(`  P1: ${moved.from.join(", ")} → ${moved.to.join(", ")} (windows changed)`);
  });

  it("a patient who kept every group and joined one more is said to have, not to have been moved to fill groups", () => {
    // Last week P1 was in one group fewer (admitted mid-week, say); this week they are in all of them.
    const first = lastWeek.sessions.find((s) => s.patientIds.includes("P1"))!;
    const a: Roster = {
      ...lastWeek,
      sessions: lastWeek.sessions.map((s) => (s === first ? { ...s, patientIds: s.patientIds.filter((id) => id !== "P1") } : s)),
    };
    const diff = diffRosters({ roster: a, scenario: before }, { roster: lastWeek, scenario: before });
    expect(diff.moved).toEqual([expect.objectContaining({ patientId: "P1", why: "kept every group, joined more" })]);
  });

  it("a group handed to another lead is a lead change, and its members moved", () => {
    const twoLeads = scenario({ slots: evening(["mon"]), facilitators: [facilitator("F1")], patients: before.patients.slice(0, 6) });
    const a = solve(twoLeads, options);
    const b: Roster = { ...a, sessions: a.sessions.map((s) => ({ ...s, facilitatorId: "F2" })) };
    const diff = diffRosters({ roster: a }, { roster: b });
    expect(diff.leadsChanged).toEqual([{ group: "Mon 18:00 substance-use", from: ["F1"], to: ["F2"] }]);
    expect(diff.groupsOpened).toEqual(["Mon 18:00 substance-use (F2)"]);
    expect(diff.groupsClosed).toEqual(["Mon 18:00 substance-use (F1)"]);
    expect(diff.moved.every((m) => m.why === "unknown")).toBe(true);
    expect(diff.moved).toHaveLength(6);
  });

  it.runIf(RUNS_COMMANDS)("runs from the command line, with the reasons when the weeks are given", () => {
    const dir = mkdtempSync(join(tmpdir(), "diff-"));
    const after = scenarioInput({ slots, patients: [...Array.from({ length: 7 }, (_, i) => patient(`P${i + 1}`)), patient("N1")] });
    writeFileSync(join(dir, "a.json"), JSON.stringify(lastWeek));
    writeFileSync(join(dir, "b.json"), JSON.stringify(solve(scenario(after), options)));
    writeFileSync(join(dir, "week-a.json"), JSON.stringify(scenarioInput({ slots, patients: before.patients })));
    writeFileSync(join(dir, "week-b.json"), JSON.stringify(after));
    const run = runCommand("src/io/cli/diff.ts", [
      join(dir, "a.json"),
      join(dir, "b.json"),
      "--scenario-a",
      join(dir, "week-a.json"),
      "--scenario-b",
      join(dir, "week-b.json"),
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Admitted: N1");
    expect(run.stdout).toContain("Discharged: P8");
    const bad = runCommand("src/io/cli/diff.ts", [join(dir, "a.json")]);
    expect(bad.status).toBe(2);
  });
});
