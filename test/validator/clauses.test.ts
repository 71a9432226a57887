// One broken roster per clause a mutant once slipped past: each must be rejected by its own rule, and only there.
import { describe, expect, it } from "vitest";
import { type Roster, type Scenario, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { type RuleId, validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const options = SolveOptions.parse({ seed: 1, maxIterations: 3000 });

/** The solver's roster for the scenario, which must be valid, and the rules a hand edit of it breaks. */
function breaking(s: Scenario, edit: (r: Roster) => void): RuleId[] {
  const roster = solve(s, options);
  expect(validate(s, roster).violations).toEqual([]);
  const copy = structuredClone(roster);
  edit(copy);
  // Progress is written from the sessions; these edits move members by hand, so they leave it out (it has its own test).
  for (const plan of copy.patients) delete plan.curriculum;
  return [...new Set(validate(s, copy).violations.map((v) => v.rule))].sort();
}

const join = (r: Roster, id: string, session: Roster["sessions"][number]) => {
  session.patientIds.push(id);
  const plan = r.patients.find((p) => p.id === id)!;
  plan.sessionIds.push(session.id);
  plan.scheduledHours += (Date.parse(session.end) - Date.parse(session.start)) / 3_600_000;
};

describe("validator clauses", () => {
  it("group-size: one member above the track's maximum, in a room that seats them all", () => {
    const s = scenario({ rooms: [{ id: "R1", capacity: 15 }], patients: Array.from({ length: 13 }, (_, i) => patient(`P${i + 1}`)) });
    // 13 patients, cap 12: one is left out of each night; seat them anyway.
    expect(
      breaking(s, (r) => {
        for (const session of r.sessions) {
          const out = r.patients.find((p) => !session.patientIds.includes(p.id))!;
          join(r, out.id, session);
        }
      }),
    ).toEqual(["group-size"]);
  });

  it("patient-window: the travel buffer counts (work until 17:30 with 45 minutes' travel rules out 18:00)", () => {
    const s = scenario({
      patients: [
        ...Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`)),
        patient("T1", { unavailable: [{ days: ["mon"], start: "08:00", end: "17:30", kind: "work" }], travelBufferMinutes: 45 }),
      ],
    });
    expect(
      breaking(s, (r) =>
        join(
          r,
          "T1",
          r.sessions.find((x) => x.slotId === "mon-eve")!,
        ),
      ),
    ).toEqual(["patient-window"]);
  });

  it("patient-window: nobody attends before their admission date", () => {
    const s = scenario({
      patients: [...Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`)), patient("N1", { admissionDate: "2026-12-02" })],
    });
    expect(
      breaking(s, (r) =>
        join(
          r,
          "N1",
          r.sessions.find((x) => x.slotId === "mon-eve")!,
        ),
      ),
    ).toEqual(["patient-window"]);
  });

  it("topic-eligibility: a newcomer topic (weeks 1–4 of stay) for a patient in week 12", () => {
    const ers = ["ers-1", "ers-2", "ers-3", "ers-4", "ers-5", "ers-6", "ers-7", "ers-8"];
    const s = scenario({
      program: "matrix-16",
      slots: [
        { id: "mon-ers", day: "mon", start: "17:00", end: "17:50", part: "evening", topics: ers },
        { id: "mon-rp", day: "mon", start: "18:00", end: "19:30", part: "evening" },
        { id: "fri-rp", day: "fri", start: "18:00", end: "19:30", part: "evening" },
      ],
      patients: [
        ...Array.from({ length: 5 }, (_, i) => patient(`N${i}`, { level: "matrix-iop", admissionDate: "2026-11-23" })),
        patient("V1", { level: "matrix-iop", admissionDate: "2026-09-07" }),
      ],
    });
    expect(
      breaking(s, (r) => {
        const early = r.sessions.find((x) => x.slotId === "mon-ers")!;
        join(r, "V1", early);
      }),
    ).toEqual(["topic-eligibility"]);
  });

  it("topic-eligibility: a Wednesday-only topic (family education) held on a Friday", () => {
    const s = scenario({
      program: "matrix-16",
      slots: [
        { id: "mon-rp", day: "mon", start: "18:00", end: "19:30", part: "evening" },
        { id: "fri-rp", day: "fri", start: "18:00", end: "19:30", part: "evening" },
      ],
      patients: Array.from({ length: 5 }, (_, i) =>
        patient(`V${i}`, { level: "matrix-iop", admissionDate: "2026-11-02", targetHours: 4.5 }),
      ),
    });
    const roster = solve(s, options);
    const copy = structuredClone(roster);
    const fri = copy.sessions.find((x) => x.slotId === "fri-rp")!;
    fri.topic = "fe-01";
    const violations = validate(s, copy).violations;
    expect(violations).toEqual([{ rule: "topic-eligibility", message: "topic is held only on wed", sessionId: fri.id }]);
  });

  it("facilitator-fit: weekly hours above the facilitator's maximum", () => {
    const s = scenario({ facilitators: [facilitator("F1", { maxHoursPerWeek: 9 })] });
    const roster = solve(s, options);
    const edited = structuredClone(roster);
    // The same lead on a fourth evening: 12 h against 9.
    const extra = { ...structuredClone(edited.sessions[0]), id: "thu-eve.substance-use.1", slotId: "thu-eve" };
    extra.start = extra.start.replace(/2026-11-30/, "2026-12-03");
    extra.end = extra.end.replace(/2026-11-30/, "2026-12-03");
    const withThursday = scenario({
      facilitators: [facilitator("F1", { maxHoursPerWeek: 9 })],
      slots: [...s.slots.map((x) => ({ ...x })), { id: "thu-eve", day: "thu", start: "18:00", end: "21:00", part: "evening" }],
    });
    edited.sessions.push(extra);
    for (const id of extra.patientIds) {
      const plan = edited.patients.find((p) => p.id === id)!;
      plan.sessionIds.push(extra.id);
      plan.scheduledHours += 3;
    }
    const rules = [...new Set(validate(withThursday, edited).violations.map((v) => v.rule))];
    expect(rules).toEqual(["facilitator-fit"]);
    expect(validate(withThursday, edited).violations[0].message).toBe("facilitator F1 leads 12 h, above their 9 h");
  });
});
