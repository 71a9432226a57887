// Pins: what is published stays. The solve keeps every pinned group and seat, the validator checks them, and a
// pin that cannot hold is refused at input naming both the pin and what it collides with.
import { describe, expect, it } from "vitest";
import { type Pin, Scenario, SolveOptions, placementsOf } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { Random } from "../../src/solver/random.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { evening, facilitator, patient, scenarioInput } from "../fixtures.js";

const options = SolveOptions.parse({ seed: 1, maxIterations: 5000 });
const slots = evening(["mon", "tue", "wed", "thu", "fri"]);
const base = scenarioInput({
  slots,
  rooms: [
    { id: "R1", capacity: 12 },
    { id: "R2", capacity: 12 },
  ],
  facilitators: [facilitator("F1"), facilitator("F2")],
  patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`)),
});

describe("pins", () => {
  it("a pinned group meets with its lead and room, a pinned patient sits in it, and the validator checks both", () => {
    const pins: Pin[] = [
      { kind: "group", slotId: "tue-eve", track: "substance-use", facilitatorId: "F2", roomId: "R2" },
      { kind: "patient", patientId: "P1", slotId: "tue-eve" },
    ];
    const week = Scenario.parse({ ...base, pins });
    const roster = solve(week, options);
    expect(validate(week, roster).violations).toEqual([]);
    const tuesday = roster.sessions.find((s) => s.slotId === "tue-eve" && s.facilitatorId === "F2" && s.roomId === "R2");
    expect(tuesday?.patientIds).toContain("P1");
    const broken = { ...roster, sessions: roster.sessions.map((s) => (s === tuesday ? { ...s, facilitatorId: "F1" } : s)) };
    expect(
      validate(week, broken)
        .violations.filter((v) => v.rule === "pins")
        .map((v) => v.message),
    ).toEqual(["pins[0]: no substance-use group meets at tue-eve as pinned"]);
    const moved = {
      ...roster,
      sessions: roster.sessions.map((s) => ({
        ...s,
        patientIds: s.slotId === "tue-eve" ? s.patientIds.filter((id) => id !== "P1") : s.patientIds,
      })),
    };
    expect(validate(week, moved).violations.some((v) => v.rule === "pins" && v.patientId === "P1")).toBe(true);
  });

  it("a pin that cannot hold is refused at input, naming the pin and the window by path, never by value", () => {
    const shifted = {
      ...base,
      patients: [
        patient("P1", { unavailable: [{ days: ["tue"], start: "16:00", end: "23:00", kind: "work" }] }),
        ...base.patients.slice(1),
      ],
      pins: [{ kind: "patient", patientId: "P1", slotId: "tue-eve" }],
    };
    const parsed = Scenario.safeParse(shifted);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0];
    expect(issue.path).toEqual(["pins", 0]);
    expect(issue.message).toBe("this pin cannot hold: its group time collides with patients[0].unavailable[0]");
    const unknown = Scenario.safeParse({ ...base, pins: [{ kind: "group", slotId: "sat-eve", track: "substance-use" }] });
    expect(unknown.error!.issues.map((i) => i.path.join("."))).toEqual(["pins.0.slotId"]);
    const away = Scenario.safeParse({
      ...base,
      facilitators: [facilitator("F1", { availability: [{ days: ["mon"], start: "08:00", end: "22:00" }] }), facilitator("F2")],
      pins: [{ kind: "group", slotId: "tue-eve", track: "substance-use", facilitatorId: "F1" }],
    });
    expect(away.error!.issues[0].message).toBe("this pin cannot hold: facilitators[0] is not available at its group time");
    const other = Scenario.safeParse({
      ...base,
      facilitators: [facilitator("F1", { tracks: ["co-occurring"] }), facilitator("F2")],
      pins: [{ kind: "group", slotId: "tue-eve", track: "substance-use", facilitatorId: "F1" }],
    });
    expect(other.error!.issues[0].message).toBe("this pin cannot hold: facilitators[0] does not lead that track");
  });

  it("on generated clinics, a fifth of last roster's seats and its groups pinned: all held in a re-solve with another seed", () => {
    for (const seed of [1, 2, 3]) {
      const week = Scenario.parse(generateScenario({ shape: "suburban", patients: 40, seed }));
      const first = solve(week, options);
      const random = new Random(seed);
      const seats = random.shuffle(placementsOf(first)).slice(0, Math.ceil(placementsOf(first).length / 5));
      const pins: Pin[] = [
        ...seats.map((p) => ({ kind: "patient" as const, patientId: p.patientId, slotId: p.slotId })),
        ...first.sessions
          .slice(0, 3)
          .map((s) => ({ kind: "group" as const, slotId: s.slotId, track: s.track, facilitatorId: s.facilitatorId })),
      ];
      const pinned = Scenario.parse({ ...week, program: week.program, pins });
      const again = solve(pinned, SolveOptions.parse({ seed: seed + 10, maxIterations: 5000 }));
      expect(validate(pinned, again).violations, `seed ${seed}`).toEqual([]);
    }
  });
});
