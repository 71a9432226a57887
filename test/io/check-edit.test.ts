// Hand edits: a patient moved between groups in the JSON is checked with the bookkeeping rebuilt, only real rule
// breaks reported (naming the window hit), the objective set against the original; CLI and HTTP say the same.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Roster, SolveOptions } from "../../src/domain/index.js";
import { checkEdit, describeCheck } from "../../src/app/check-edit.js";
import { rebook } from "../../src/solver/rebook.js";
import { solve } from "../../src/solver/solve.js";
import { RUNS_COMMANDS, runCommand } from "../commands.js";
import { facilitator, patient, scenario, scenarioInput } from "../fixtures.js";
import { testServer } from "./http-helpers.js";

const input = scenarioInput({
  slots: ["mon", "tue", "wed", "thu", "fri"].map((day) => ({
    id: `${day}-eve`,
    day: day as "mon",
    start: "18:00",
    end: "21:00",
    part: "evening" as const,
  })),
  rooms: [
    { id: "R1", capacity: 12 },
    { id: "R2", capacity: 12 },
  ],
  facilitators: [facilitator("F1"), facilitator("F2")],
  patients: [
    ...Array.from({ length: 19 }, (_, i) => patient(`P${i + 1}`)),
    // Work until 17:30 Tuesday to Thursday, and 45 minutes' travel, rule out those 18:00 groups.
    patient("W1", { unavailable: [{ days: ["tue", "wed", "thu"], start: "08:00", end: "17:30", kind: "work" }], travelBufferMinutes: 45 }),
  ],
});
const s = scenario(input);
const original = solve(s, SolveOptions.parse({ seed: 1, maxIterations: 5000 }));

/** One member moved to the other group of the same evening, as a coordinator would do in the JSON. */
function moveOne(): { roster: Roster; id: string } {
  for (const a of original.sessions) {
    for (const id of a.patientIds) {
      const b = original.sessions.find((x) => x.slotId === a.slotId && x.id !== a.id);
      if (!b) continue;
      const r = structuredClone(original);
      const from = r.sessions.find((x) => x.id === a.id)!;
      from.patientIds = from.patientIds.filter((p) => p !== id);
      r.sessions.find((x) => x.id === b.id)!.patientIds.push(id);
      return { roster: r, id };
    }
  }
  throw new Error("no move to make");
}

describe("checking a hand edit", () => {
  it("rebuilding an untouched roster gives back the solver's own numbers", () => {
    const again = rebook(s, original);
    expect(again.ok && again.roster.metrics).toEqual(original.metrics);
    expect(again.ok && again.roster.solver.objective).toBe(original.solver.objective);
    expect(again.ok && again.roster.patients).toEqual(original.patients);
  });

  it("a move is valid, its bookkeeping rebuilt, and set against the original", () => {
    const { roster, id } = moveOne();
    const result = checkEdit(s, roster, original);
    expect(result.ok && result.violations).toEqual([]);
    if (!result.ok) return;
    const sessions = result.roster.sessions.filter((x) => x.patientIds.includes(id)).map((x) => x.id);
    expect(result.roster.patients.find((p) => p.id === id)!.sessionIds).toEqual(sessions);
    expect(result.original?.objective).toBe(original.solver.objective);
    expect(describeCheck(result).at(-1)).toMatch(/^The edit is (better|worse|as good) \(objective [+-]?\d/);
  });

  it("a real break is reported alone, naming the window it hits", () => {
    const edited = structuredClone(original);
    const workday = edited.sessions.find((x) => /^(tue|wed|thu)/.test(x.slotId))!;
    expect(workday.patientIds).not.toContain("W1");
    workday.patientIds.push("W1");
    const result = checkEdit(s, edited, original);
    expect(result.ok && result.violations.filter((v) => v.patientId === "W1")).toContainEqual({
      rule: "patient-window",
      message: "session falls in the patient's window: work Tue–Thu 08:00–17:30 (+45 min travel)",
      sessionId: workday.id,
      patientId: "W1",
    });
    expect(result.ok && result.violations.map((v) => v.rule)).not.toContain("roster-integrity");
  });

  it("unknown ids are listed, not guessed", () => {
    const edited = structuredClone(original);
    edited.sessions[0].patientIds.push("nobody");
    edited.sessions[0].roomId = "R9";
    expect(checkEdit(s, edited)).toEqual({
      ok: false,
      unknown: [`session ${edited.sessions[0].id}: unknown room`, `session ${edited.sessions[0].id}: unknown patient`],
    });
  });

  it.runIf(RUNS_COMMANDS)("the CLI and POST /v1/rosters/check give the same answer on the same files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "check-"));
    const edited = moveOne().roster;
    writeFileSync(join(dir, "scenario.json"), JSON.stringify(input));
    writeFileSync(join(dir, "edited.json"), JSON.stringify(edited));
    writeFileSync(join(dir, "original.json"), JSON.stringify(original));
    const cli = runCommand("src/io/cli/main.ts", [
      "check",
      join(dir, "scenario.json"),
      join(dir, "edited.json"),
      "--against",
      join(dir, "original.json"),
    ]);
    const server = await testServer();
    try {
      const res = await server.app.inject({
        method: "POST",
        url: "/v1/rosters/check",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ scenario: input, roster: edited, against: original }),
      });
      expect(res.statusCode).toBe(200);
      expect(cli.stdout.trimEnd().split("\n")).toEqual(res.json().summary);
    } finally {
      await server.close();
    }
  });
});
