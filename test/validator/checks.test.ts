// Hand-broken rosters: each rule catches its own breakage, from the scenario and the roster text alone.
import { describe, expect, it } from "vitest";
import { RULES, validate } from "../../src/validator/index.js";
import { facilitator, scenario } from "../fixtures.js";
import { base, broken, first, good, move, rulesOf } from "./base.js";

describe("validator", () => {
  it("passes the solver's roster", () => {
    expect(validate(base, good).violations).toEqual([]);
    expect(validate(base, good).valid).toBe(true);
  });

  it("has one check per documented rule", () => {
    expect(Object.keys(RULES)).toHaveLength(19);
  });

  it("roster-integrity: a session listing a stranger, and hours that do not add up", () => {
    expect(rulesOf(broken((r) => first(r).patientIds.push("nobody")))).toContain("roster-integrity");
    expect(rulesOf(broken((r) => (r.patients[0].scheduledHours += 3)))).toEqual(["roster-integrity"]);
  });

  it("slot-fit: a session moved off its slot's times", () => {
    expect(rulesOf(broken((r) => (first(r).start = first(r).start.replace("18:00", "17:00"))))).toContain("slot-fit");
  });

  it("slot-fit: a level the slot does not admit", () => {
    const wed = good.sessions.find((s) => s.slotId === "wed-eve")!;
    expect(
      rulesOf(
        broken((r) =>
          move(
            r,
            "A1",
            r.sessions.find((s) => s.id === wed.id)!,
          ),
        ),
      ),
    ).toContain("slot-fit");
  });

  it("patient-window: a worker seated in a Friday group during work", () => {
    const fri = good.sessions.find((s) => s.slotId === "fri-eve")!;
    expect(
      rulesOf(
        broken((r) =>
          move(
            r,
            "W1",
            r.sessions.find((s) => s.id === fri.id)!,
          ),
        ),
      ),
    ).toContain("patient-window");
  });

  it("patient-overlap, facilitator-overlap, room-overlap: an overlapping 19:00 session with the same people, lead and room", () => {
    const r = broken((x) => {
      const mon = x.sessions.find((s) => s.slotId === "mon-eve")!;
      const late = {
        ...mon,
        id: "late",
        slotId: "mon-late",
        start: mon.start.replace("18:00", "19:00"),
        end: mon.end.replace("21:00", "20:30"),
        patientIds: [...mon.patientIds],
      };
      x.sessions.push(late);
      for (const id of late.patientIds) x.patients.find((p) => p.id === id)!.sessionIds.push("late");
    });
    const rules = rulesOf(r);
    expect(rules).toEqual(expect.arrayContaining(["patient-overlap", "facilitator-overlap", "room-overlap"]));
  });

  it("group-size: a session cut below its minimum", () => {
    const r = broken((x) => {
      const s = first(x);
      for (const id of s.patientIds.splice(3)) {
        const plan = x.patients.find((p) => p.id === id)!;
        plan.sessionIds = plan.sessionIds.filter((i) => i !== s.id);
        plan.scheduledHours -= 3;
      }
    });
    expect(rulesOf(r)).toEqual(["group-size"]);
  });

  it("track-separation: a co-occurring patient in a substance-use group", () => {
    expect(rulesOf(broken((r) => move(r, "C1", first(r))))).toContain("track-separation");
  });

  it("facilitator-fit: an unavailable facilitator, and one without the track's credential", () => {
    const wed = good.sessions.find((s) => s.slotId === "wed-eve")!.id;
    expect(rulesOf(broken((r) => (r.sessions.find((s) => s.id === wed)!.facilitatorId = "F2")))).toContain("facilitator-fit");
    const lacks = scenario({ ...structuredClone(base), facilitators: [facilitator("F1", { credentials: ["PhD"] }), facilitator("F2")] });
    expect(validate(lacks, good).violations.some((v) => v.rule === "facilitator-fit" && /credential/.test(v.message))).toBe(true);
  });

  it("room-capacity: eight members in a room for five", () => {
    expect(rulesOf(broken((r) => (first(r).roomId = "R2")))).toContain("room-capacity");
  });

  it("level-rules: an aftercare patient in two groups, above their band", () => {
    const r = broken((x) => {
      for (const s of x.sessions.filter((s) => s.slotId !== "wed-eve").slice(0, 2)) move(x, "A1", s);
    });
    expect(rulesOf(r)).toContain("level-rules");
  });

  it("topic-eligibility: a topic from another curriculum (the newcomer case is in clauses.test.ts)", () => {
    expect(rulesOf(broken((r) => (first(r).topic = "rp-01")))).toContain("topic-eligibility");
  });

  it("a roster of another clinic is reported once, naming both", () => {
    const report = validate(
      base,
      broken((r) => (r.clinicId = "elsewhere")),
    );
    expect(report.violations).toEqual([
      {
        rule: "roster-integrity",
        message: `roster is for clinic elsewhere, week of ${good.weekStart}; the scenario is clinic test-clinic, week of ${good.weekStart}`,
      },
    ]);
  });

  it("metrics: a roster that reports better numbers than it has", () => {
    const report = validate(
      base,
      broken((r) => (r.metrics.totalUnmetHours = 0)),
    );
    expect(report.metricMismatches).toEqual(["totalUnmetHours"]);
    expect(report.valid).toBe(false);
  });
});
