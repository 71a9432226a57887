// The roster composes ids from the scenario's ("<slot>.<track>.<n>"): at the longest ids a scenario may have, the
// roster it gives must still be one its own schema reads back (to validate, publish, or continue next week from).
import { expect, it } from "vitest";
import { Roster, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { evening, facilitator, patient, scenario } from "../fixtures.js";

it("a roster of a scenario with 64-character ids reads back through the roster schema", () => {
  const long = (head: string) => head + "x".repeat(64 - head.length);
  const slots = evening(["mon", "wed", "fri"]).map((s) => ({ ...s, id: long(`${s.id}-`) }));
  const s = scenario({
    slots,
    facilitators: [facilitator(long("F1-"))],
    patients: Array.from({ length: 8 }, (_, i) => patient(long(`P${i}-`))),
  });
  const roster = solve(s, SolveOptions.parse({ seed: 1, maxIterations: 300 }));
  expect(roster.sessions.length).toBeGreaterThan(0);
  expect(roster.sessions[0].id.length).toBeGreaterThan(64);
  const read = Roster.safeParse(JSON.parse(JSON.stringify(roster)));
  expect(read.success, JSON.stringify(read.error?.issues.slice(0, 2))).toBe(true);
});
