// Each clause of each check, broken on its own: the violation it must report, word for word, once. Exact messages
// keep a check from reporting the wrong thing; exact counts keep it from reporting everything.
import { describe, expect, it } from "vitest";
import type { Roster, Scenario } from "../../src/domain/index.js";
import { type Violation, validate } from "../../src/validator/index.js";
import { base, broken, good } from "./base.js";

const MON = "mon-eve.substance-use.1";
const WED = "wed-eve.substance-use.1";
const FRI = "fri-eve.substance-use.1";
const session = (r: Roster, id: string) => r.sessions.find((s) => s.id === id)!;
const plan = (r: Roster, id: string) => r.patients.find((p) => p.id === id)!;
/** The same clinic with one part changed. */
const variant = (edit: (s: Scenario) => void): Scenario => {
  const s = structuredClone(base);
  edit(s);
  return s;
};

const cases: { name: string; edit: (r: Roster) => void; scenario?: Scenario; expected: Violation }[] = [
  {
    name: "duplicate session id",
    edit: (r) => (session(r, WED).id = MON),
    expected: { rule: "roster-integrity", message: "duplicate session id", sessionId: MON },
  },
  {
    name: "unknown facilitator",
    edit: (r) => (session(r, MON).facilitatorId = "F9"),
    expected: { rule: "roster-integrity", message: "unknown facilitator", sessionId: MON },
  },
  {
    name: "unknown room",
    edit: (r) => (session(r, MON).roomId = "R9"),
    expected: { rule: "roster-integrity", message: "unknown room", sessionId: MON },
  },
  {
    name: "unknown track",
    edit: (r) => (session(r, MON).track = "alien"),
    expected: { rule: "roster-integrity", message: "unknown track", sessionId: MON },
  },
  {
    name: "unknown topic",
    edit: (r) => (session(r, MON).topic = "nope"),
    expected: { rule: "roster-integrity", message: "unknown topic", sessionId: MON },
  },
  {
    name: "a patient twice in one session",
    edit: (r) => session(r, FRI).patientIds.push("P1"),
    expected: { rule: "roster-integrity", message: "a patient is listed twice in one session", sessionId: FRI },
  },
  {
    name: "a stranger in a session",
    edit: (r) => session(r, FRI).patientIds.push("X1"),
    expected: { rule: "roster-integrity", message: "session lists a patient who is not in the scenario", sessionId: FRI },
  },
  {
    name: "a patient missing",
    edit: (r) => (r.patients = r.patients.filter((p) => p.id !== "C1")),
    expected: { rule: "roster-integrity", message: "patient missing from the roster", patientId: "C1" },
  },
  {
    name: "a patient listed twice",
    edit: (r) => r.patients.push(structuredClone(plan(r, "C1"))),
    expected: { rule: "roster-integrity", message: "patient listed more than once", patientId: "C1" },
  },
  {
    name: "sessionIds that do not match",
    edit: (r) => (plan(r, "P1").sessionIds = [MON, WED]),
    expected: { rule: "roster-integrity", message: "patient's sessionIds do not match the sessions that list them", patientId: "P1" },
  },
  {
    name: "scheduled hours that do not add up",
    edit: (r) => (plan(r, "P1").scheduledHours = 8),
    expected: { rule: "roster-integrity", message: "scheduledHours says 8, the sessions add up to 9", patientId: "P1" },
  },
  {
    name: "required hours that are not the plan's",
    edit: (r) => (plan(r, "P1").requiredHours = 12),
    expected: { rule: "roster-integrity", message: "requiredHours says 12, the level and plan require 9", patientId: "P1" },
  },
  {
    name: "a ghost patient",
    edit: (r) => r.patients.push({ ...structuredClone(plan(r, "C1")), id: "G1" }),
    expected: { rule: "roster-integrity", message: "roster lists a patient who is not in the scenario", patientId: "G1" },
  },
  {
    name: "a session off its slot's times",
    edit: (r) => (session(r, FRI).end = session(r, FRI).end.replace("21:00", "20:00")),
    expected: { rule: "slot-fit", message: "session does not run at the times of its slot", sessionId: FRI },
  },
  {
    name: "a slot that does not exist",
    edit: (r) => (session(r, FRI).slotId = "sun-eve"),
    expected: { rule: "slot-fit", message: "session does not run at the times of its slot", sessionId: FRI },
  },
  {
    name: "a slot closed to the track",
    edit: () => undefined,
    scenario: variant((s) => (s.slots.find((x) => x.id === "fri-eve")!.tracks = ["co-occurring"])),
    expected: { rule: "slot-fit", message: "slot is not open to this track", sessionId: FRI },
  },
  {
    name: "a level the slot does not admit",
    edit: (r) => {
      session(r, WED).patientIds.push("A1");
      plan(r, "A1").sessionIds.push(WED);
    },
    expected: { rule: "slot-fit", message: "slot is not open to this patient's level of care", sessionId: WED, patientId: "A1" },
  },
  {
    name: "a worker at work",
    edit: (r) => {
      session(r, FRI).patientIds.push("W1");
      plan(r, "W1").sessionIds.push(FRI);
      plan(r, "W1").scheduledHours = 9;
    },
    expected: {
      rule: "patient-window",
      message: "session falls in the patient's window: work Fri 17:00–23:00",
      sessionId: FRI,
      patientId: "W1",
    },
  },
  {
    name: "a room for five",
    edit: (r) => (session(r, FRI).roomId = "R2"),
    expected: { rule: "room-capacity", message: "7 members in a room for 5", sessionId: FRI },
  },
  {
    name: "a group below its minimum",
    edit: (r) => {
      session(r, FRI).patientIds = ["P1", "P2", "P3"];
      for (const id of ["P4", "P5", "P6", "P7"]) {
        plan(r, id).sessionIds = [MON, WED];
        plan(r, id).scheduledHours = 6;
      }
    },
    expected: { rule: "group-size", message: "3 members; the track allows 4–12", sessionId: FRI },
  },
  {
    name: "another track's patient",
    edit: (r) => {
      session(r, FRI).patientIds.push("C1");
      plan(r, "C1").sessionIds.push(FRI);
      plan(r, "C1").scheduledHours = 3;
    },
    expected: { rule: "track-separation", message: "patient of another track in this session", sessionId: FRI, patientId: "C1" },
  },
  {
    name: "a lead outside their hours",
    edit: (r) => (session(r, WED).facilitatorId = "F2"),
    expected: { rule: "facilitator-fit", message: "facilitator is not available for the whole session", sessionId: WED },
  },
  {
    name: "a lead of another track",
    edit: () => undefined,
    scenario: variant((s) => (s.facilitators[0] = { ...s.facilitators[0], tracks: ["co-occurring"], credentials: ["LCSW"] })),
    expected: { rule: "facilitator-fit", message: "facilitator does not lead this track", sessionId: MON },
  },
  {
    name: "a lead without the track's credential",
    edit: () => undefined,
    scenario: variant((s) => (s.facilitators[0] = { ...s.facilitators[0], credentials: ["PhD"] })),
    expected: {
      rule: "facilitator-fit",
      message: "facilitator lacks a credential for the track (one of LADC, LCDC, CADC, LCSW, LPC, LMFT, PsyD)",
      sessionId: MON,
    },
  },
  {
    name: "a lead of other topics",
    edit: () => undefined,
    scenario: variant((s) => (s.facilitators[0] = { ...s.facilitators[0], topics: ["cbt-skills"] })),
    expected: { rule: "facilitator-fit", message: "facilitator does not lead this topic", sessionId: MON },
  },
  {
    name: "a lead above their weekly hours",
    edit: () => undefined,
    scenario: variant((s) => (s.facilitators[0] = { ...s.facilitators[0], maxHoursPerWeek: 8 })),
    expected: { rule: "facilitator-fit", message: "facilitator F1 leads 9 h, above their 8 h" },
  },
  {
    name: "a topic of another curriculum",
    edit: (r) => (session(r, MON).topic = "rp-01"),
    expected: { rule: "topic-eligibility", message: "topic is not in the track's curriculum", sessionId: MON },
  },
  {
    name: "a slot reserved for other topics",
    edit: () => undefined,
    scenario: variant((s) => (s.slots.find((x) => x.id === "fri-eve")!.topics = ["cbt-skills"])),
    expected: { rule: "topic-eligibility", message: "slot is reserved for other topics", sessionId: FRI },
  },
  {
    name: "aftercare twice a week",
    edit: (r) => {
      session(r, FRI).patientIds.push("A1");
      plan(r, "A1").sessionIds.push(FRI);
      plan(r, "A1").scheduledHours = 6;
    },
    expected: { rule: "level-rules", message: "2 sessions; Aftercare (continuing care) allows 1 a week", patientId: "A1" },
  },
  {
    name: "hours above the band",
    edit: (r) => {
      session(r, FRI).patientIds.push("A1");
      plan(r, "A1").sessionIds.push(FRI);
      plan(r, "A1").scheduledHours = 6;
    },
    expected: { rule: "level-rules", message: "6 h is above the Aftercare (continuing care) band", patientId: "A1" },
  },
];

describe("validator: each clause, word for word", () => {
  it.each(cases)("$name", ({ edit, scenario: s = base, expected }) => {
    const roster = broken(edit);
    const { violations, valid } = validate(s, roster);
    expect(valid).toBe(false);
    expect(violations).toContainEqual(expected);
    expect(
      violations.filter((v) => v.message === expected.message && v.sessionId === expected.sessionId && v.patientId === expected.patientId),
    ).toHaveLength(1);
  });

  it("the untouched roster has no violation at all", () => {
    expect(validate(base, good).violations).toEqual([]);
  });

  it("two sessions in one day for a one-a-day level, and its day hours", () => {
    const s = variant((x) => x.slots.push({ id: "mon-am", day: "mon", start: "09:00", end: "12:00", part: "day" }));
    const roster = broken((r) => {
      r.sessions.push({
        ...structuredClone(session(r, MON)),
        id: "mon-am.substance-use.1",
        slotId: "mon-am",
        start: "2026-11-30T09:00:00-06:00",
        end: "2026-11-30T12:00:00-06:00",
      });
      for (const id of ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "W1", "A1"]) {
        plan(r, id).sessionIds.push("mon-am.substance-use.1");
        plan(r, id).scheduledHours += 3;
      }
    });
    const messages = validate(s, roster)
      .violations.filter((v) => v.rule === "level-rules" && v.patientId === "P1")
      .map((v) => v.message);
    expect(messages).toEqual(["2 sessions in one day; Intensive outpatient (ASAM 2.1) allows 1"]);
  });
});

describe("validator: overlaps, sizes by track, day hours and topic days", () => {
  /** A 19:00 Monday session on top of the 18:00 one, with the same members, lead and room. */
  const overlapping = () =>
    broken((r) => {
      const mon = session(r, MON);
      r.sessions.push({
        ...structuredClone(mon),
        id: "late",
        slotId: "mon-late",
        start: mon.start.replace("18:00", "19:00"),
        end: mon.end.replace("21:00", "20:30"),
        patientIds: ["P1"],
      });
      plan(r, "P1").sessionIds.push("late");
      plan(r, "P1").scheduledHours += 1.5;
    });

  it("names both sessions of an overlap, for the patient, the lead and the room", () => {
    const v = validate(base, overlapping()).violations.filter((x) => x.rule.endsWith("overlap"));
    expect(v).toEqual([
      { rule: "patient-overlap", message: `patient has overlapping sessions ${MON} and late`, sessionId: "late", patientId: "P1" },
      { rule: "facilitator-overlap", message: `facilitator has overlapping sessions ${MON} and late`, sessionId: "late" },
      { rule: "room-overlap", message: `room has overlapping sessions ${MON} and late`, sessionId: "late" },
    ]);
  });

  it("sessions that only touch do not overlap", () => {
    const s = variant((x) => x.slots.push({ id: "mon-after", day: "mon", start: "21:00", end: "22:00", part: "evening" }));
    const r = broken((x) => {
      const mon = session(x, MON);
      x.sessions.push({
        ...structuredClone(mon),
        id: "after",
        slotId: "mon-after",
        start: mon.start.replace("18:00", "21:00"),
        end: mon.end.replace("21:00", "22:00"),
        patientIds: ["C1"],
      });
    });
    expect(validate(s, r).violations.filter((v) => v.rule.endsWith("overlap"))).toEqual([]);
  });

  it("group size by the track's own limits (a payer capping substance-use groups at 8)", () => {
    const s = variant((x) => (x.clinic.trackGroupSize = { "substance-use": { min: 4, max: 8 } }));
    expect(validate(s, good).violations).toContainEqual({ rule: "group-size", message: "9 members; the track allows 4–8", sessionId: MON });
    expect(validate(s, good).violations.filter((v) => v.rule === "group-size")).toHaveLength(1);
  });

  it("hours in one day above the level's daily maximum (PHP: 6 h)", () => {
    const s = variant((x) => {
      x.slots.push(
        { id: "mon-am", day: "mon", start: "08:00", end: "12:00", part: "day" },
        { id: "mon-pm", day: "mon", start: "12:30", end: "15:30", part: "day" },
      );
      x.patients.push({ ...structuredClone(x.patients[0]), id: "H1", level: "php" });
    });
    const r = broken((x) => {
      const mon = session(x, MON);
      for (const [id, slot, start, end] of [
        ["am", "mon-am", "08:00", "12:00"],
        ["pm", "mon-pm", "12:30", "15:30"],
      ] as const) {
        x.sessions.push({
          ...structuredClone(mon),
          id,
          slotId: slot,
          start: mon.start.replace("18:00", start),
          end: mon.end.replace("21:00", end),
          patientIds: ["H1", "P1", "P2", "P3"],
        });
      }
      x.patients.push({
        id: "H1",
        level: "php",
        track: "substance-use",
        requiredHours: 20,
        scheduledHours: 7,
        sessionIds: ["am", "pm"],
        unmet: { hours: 13, days: 4, reason: "" },
      });
    });
    const messages = validate(s, r)
      .violations.filter((v) => v.rule === "level-rules" && v.patientId === "H1")
      .map((v) => v.message);
    expect(messages).toEqual(["7 h in one day; Partial hospitalization / day program (ASAM 2.5) allows 6"]);
  });
});
