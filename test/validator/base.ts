// The clinic the validator tests break rosters of: a valid solver roster, and helpers to break a copy of it.
import { type Roster, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { type RuleId, validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

export const base = scenario({
  rooms: [
    { id: "R1", capacity: 12 },
    { id: "R2", capacity: 5 },
  ],
  facilitators: [facilitator("F1"), facilitator("F2", { availability: [{ days: ["mon"], start: "08:00", end: "19:00" }] })],
  slots: [
    { id: "mon-eve", day: "mon", start: "18:00", end: "21:00", part: "evening" },
    { id: "mon-late", day: "mon", start: "19:00", end: "20:30", part: "evening" },
    { id: "wed-eve", day: "wed", start: "18:00", end: "21:00", part: "evening", levels: ["iop"] },
    { id: "fri-eve", day: "fri", start: "18:00", end: "21:00", part: "evening" },
  ],
  patients: [
    ...Array.from({ length: 7 }, (_, i) => patient(`P${i + 1}`)),
    patient("W1", { unavailable: [{ days: ["fri"], start: "17:00", end: "23:00", kind: "work" }] }),
    patient("C1", { track: "co-occurring" }),
    patient("A1", { level: "aftercare" }),
  ],
});
export const good = solve(base, SolveOptions.parse({ seed: 1, maxIterations: 5000 }));

export function broken(edit: (r: Roster) => void): Roster {
  const copy = structuredClone(good);
  edit(copy);
  // Progress is written from the sessions; these edits move members by hand, so they leave it out (it has its own test).
  for (const plan of copy.patients) delete plan.curriculum;
  return copy;
}

export function rulesOf(r: Roster): RuleId[] {
  return [...new Set(validate(base, r).violations.map((v) => v.rule))].sort();
}

export const first = (r: Roster) => r.sessions[0];
export const move = (r: Roster, id: string, to: Roster["sessions"][number]) => {
  to.patientIds.push(id);
  r.patients.find((p) => p.id === id)!.sessionIds.push(to.id);
};
