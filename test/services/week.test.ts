// The week around the groups: one-to-one sessions, the family group and drug tests placed, and each rule's check
// failing on a roster broken the way a hand edit would break it.
import { describe, expect, it } from "vitest";
import { type Roster, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { type RuleId, validate } from "../../src/validator/index.js";
import { patient, withoutClock } from "../fixtures.js";
import { clinician, wholeWeek } from "./fixtures.js";

const options = SolveOptions.parse({ seed: 3, maxIterations: 4000 });
const week = wholeWeek();
const roster = solve(week, options);
const broken = (rule: RuleId, r: Roster) =>
  validate(week, r)
    .violations.filter((v) => v.rule === rule)
    .map((v) => v.message);

describe("the whole week", () => {
  it("books a one-to-one for every patient, the family group for those whose plan has it, and a test on a group day", () => {
    expect(validate(week, roster).violations).toEqual([]);
    expect(validate(week, roster).metricMismatches).toEqual([]);
    expect(roster.serviceShortfalls).toEqual([]);
    expect(roster.individualSessions).toHaveLength(8);
    expect(roster.individualSessions.find((s) => s.patientId === "P1")?.therapistId).toBe("T2");
    expect(roster.familySessions.map((s) => [s.patientIds.length, s.familyMembers])).toEqual([[4, 8]]);
    expect(roster.drugTests).toHaveLength(8);
    expect(roster.metrics.services).toEqual({
      "family-called-for": 4,
      "family-booked": 4,
      "individual-called-for": 8,
      "individual-booked": 8,
      "drug-test-called-for": 8,
      "drug-test-booked": 8,
    });
    // One-to-ones go right before something the patient comes to anyway: a group, or the family group on Tuesday.
    const days = (id: string) =>
      [...roster.sessions, ...roster.familySessions].filter((s) => s.patientIds.includes(id)).map((s) => s.start);
    for (const s of roster.individualSessions) expect(days(s.patientId).map((d) => d.slice(0, 10))).toContain(s.start.slice(0, 10));
    expect(roster.individualSessions.map((s) => s.start.slice(11, 16))).toEqual(Array(8).fill("17:10"));
  });

  it("is the same week for the same seed", () => {
    expect(withoutClock(solve(week, options))).toEqual(withoutClock(roster));
  });

  it("names why a one-to-one could not be booked: no common free time, or every caseload full", () => {
    const busy = wholeWeek({
      facilitators: [wholeWeek().facilitators[0], clinician("T1", "09:00", "17:00", 2)],
      patients: [
        ...Array.from({ length: 4 }, (_, i) => patient(`P${i + 1}`)),
        patient("P5", { unavailable: [{ kind: "work", days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "17:30" }] }),
      ],
    });
    const r = solve(busy, options);
    expect(validate(busy, r).violations).toEqual([]);
    expect(r.serviceShortfalls.filter((s) => s.service === "individual").map((s) => [s.patientId, s.reason])).toEqual([
      [
        "P5",
        "no time when both they and any therapist with room in their caseload are free (work, school, childcare, groups, availability)",
      ],
      ["P3", "every therapist's caseload is full"],
      ["P4", "every therapist's caseload is full"],
    ]);
  });
});

describe("broken rosters", () => {
  const first = roster.individualSessions[0];
  const group = roster.sessions.find((s) => s.patientIds.includes(first.patientId))!;

  it("individual-sessions: over a group, with another therapist, or dropped without a reason", () => {
    expect(broken("individual-sessions", roster)).toEqual([]);
    const onGroup = {
      ...roster,
      individualSessions: roster.individualSessions.map((s) =>
        s === first ? { ...s, start: group.start, end: group.start.replace(/T18:00/, "T18:50") } : s,
      ),
    };
    expect(broken("individual-sessions", onGroup).join("\n")).toMatch(/patient has overlapping sessions/);
    const p1 = roster.individualSessions.find((s) => s.patientId === "P1")!;
    const other = { ...roster, individualSessions: roster.individualSessions.map((s) => (s === p1 ? { ...s, therapistId: "T1" } : s)) };
    expect(broken("individual-sessions", other)).toContain("not with the patient's primary therapist");
    const dropped = { ...roster, individualSessions: roster.individualSessions.filter((s) => s !== first) };
    expect(broken("individual-sessions", dropped)).toEqual(["0 booked and 0 declared missing with a reason; the week calls for 1"]);
    const declared = {
      ...dropped,
      serviceShortfalls: [{ patientId: first.patientId, service: "individual" as const, missing: 1, reason: "therapist on leave" }],
    };
    // Declared missing while the therapist and the patient are both free, a room too: the worst bug, caught.
    expect(broken("individual-sessions", declared)).toEqual([
      "declared missing, but T2 and the patient are both free Mon 17:10 with a room free",
    ]);
    const lastWeek = {
      ...roster,
      individualSessions: roster.individualSessions.map((s) =>
        s === first ? { ...s, start: "2026-11-23T17:10:00-06:00", end: "2026-11-23T18:00:00-06:00" } : s,
      ),
    };
    expect(broken("individual-sessions", lastWeek)).toContain("falls outside the roster's week");
    const twice = {
      ...roster,
      individualSessions: [
        ...roster.individualSessions,
        { ...first, id: "again", start: first.start.replace("17:10", "16:00"), end: first.start.replace("17:10", "16:50") },
      ],
    };
    expect(broken("individual-sessions", twice)).toContain("a second one-to-one for the patient on the same day");
  });

  it("family-program: a patient whose plan lacks it, or more people than the group seats", () => {
    const family = roster.familySessions[0];
    const stranger = { ...roster, familySessions: [{ ...family, patientIds: [...family.patientIds, "P8"] }] };
    expect(broken("family-program", stranger)).toContain("seats a patient whose plan does not include the family program");
    const crowd = { ...roster, familySessions: [{ ...family, familyMembers: 40 }] };
    expect(broken("family-program", crowd)).toEqual([
      "familyMembers says 40; the patients' plans bring 8",
      "44 people; the family group seats 30",
    ]);
  });

  it("drug-tests: at a session the patient does not attend, or two on one day", () => {
    const [t0, t1] = roster.drugTests;
    const elsewhere = roster.individualSessions.find((s) => s.patientId !== t0.patientId)!;
    const wrong = { ...roster, drugTests: roster.drugTests.map((t) => (t === t0 ? { ...t, sessionId: elsewhere.id } : t)) };
    expect(broken("drug-tests", wrong)).toEqual(["collected at a session the patient does not attend"]);
    const twice = { ...roster, drugTests: [...roster.drugTests, { ...t1 }] };
    expect(broken("drug-tests", twice)).toEqual(["a second test on the same day", "2 booked; the week calls for 1"]);
    const excused = {
      ...roster,
      drugTests: roster.drugTests.filter((t) => t !== t0),
      serviceShortfalls: [{ patientId: t0.patientId, service: "drug-test" as const, missing: 1, reason: "no sample" }],
    };
    expect(broken("drug-tests", excused)).toEqual([`declared missing, but they attend on 4 days, enough for 1`]);
  });

  it("curriculum-progress: a plan that claims topics it did not hear", () => {
    const plan = roster.patients[0];
    const claimed = {
      ...roster,
      patients: roster.patients.map((p) => (p === plan ? { ...p, curriculum: { ...p.curriculum!, newThisWeek: 9, remaining: 0 } } : p)),
    };
    expect(broken("curriculum-progress", claimed)).toHaveLength(1);
    // IOP and PHP must hear the twelve core topics of seed 000; the skills groups are electives.
    expect(plan.curriculum).toEqual({ total: 12, heardBefore: 0, newThisWeek: 3, remaining: 9 });
  });
});

describe("step-down", () => {
  const stepped = wholeWeek({
    patients: [
      ...wholeWeek().patients.slice(0, 7),
      patient("P8", {
        level: "outpatient",
        levelHistory: [
          { level: "iop", from: "2026-10-01" },
          { level: "outpatient", from: "2026-11-30" },
        ],
      }),
    ],
  });
  const r = solve(stepped, options);

  it("plans a patient at the level in force from this Monday, and the validator holds the roster to it", () => {
    expect(validate(stepped, r).violations).toEqual([]);
    const plan = r.patients.find((p) => p.id === "P8")!;
    expect([plan.level, plan.requiredHours]).toEqual(["outpatient", 3]);
    const asBefore = { ...r, patients: r.patients.map((p) => (p === plan ? { ...p, level: "iop", requiredHours: 9 } : p)) };
    expect(
      validate(stepped, asBefore)
        .violations.filter((v) => v.rule === "step-down")
        .map((v) => v.message),
    ).toEqual(["planned at iop; the level in force this week is outpatient", "requires 9 h; Outpatient (ASAM 1) requires 3 h"]);
    const others = r.sessions.filter((s) => !s.patientIds.includes("P8"));
    const iopWeek = { ...r, sessions: r.sessions.map((s) => (others.includes(s) ? { ...s, patientIds: [...s.patientIds, "P8"] } : s)) };
    // The band of the level in force is level-rules' to hold, once.
    expect(validate(stepped, iopWeek).violations.map((v) => [v.rule, v.message])).toContainEqual([
      "level-rules",
      "9 h is above the Outpatient (ASAM 1) band",
    ]);
  });
});
