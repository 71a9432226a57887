// Each objective term on its own: given a week, it penalizes by exactly this much.
import { describe, expect, it } from "vitest";
import { OBJECTIVE_TERMS, TERM_IDS, coreTopics } from "../../src/domain/index.js";
import { compile } from "../../src/solver/model.js";
import {
  avoidableBackToBack,
  cohortChanges,
  completedTopics,
  extraFacilitators,
  extraHours,
  offPreference,
  topicRepeats,
  topicsOutOfReach,
  unmetDays,
  unmetHours,
} from "../../src/solver/terms.js";
import { evening, facilitator, patient, scenario } from "../fixtures.js";

const model = compile(
  scenario({
    slots: evening(["mon", "tue", "wed", "thu", "fri"]),
    patients: [
      patient("P1", { preference: "day", completedTopics: ["cbt-skills"] }),
      ...Array.from({ length: 4 }, (_, i) => patient(`Q${i}`)),
    ],
  }),
);
const p = model.patients[0];
const cbt = model.topics.findIndex((t) => t.id === "cbt-skills");
// IOP's core, not the whole curriculum: the electives of seed 002 are not needed before discharge.
const curriculum = coreTopics(model.program, { level: "iop", track: "substance-use" });
const index = (id: string) => model.topics.findIndex((t) => t.id === id);
const others = Array.from({ length: 4 }, (_, i) => patient(`Q${i}`));
const days = (...hours: number[]) => Float64Array.from([...hours, ...new Array(7 - hours.length).fill(0)]);

describe("objective terms", () => {
  it("each term is documented with a unit and a weight", () => {
    for (const id of TERM_IDS) expect(OBJECTIVE_TERMS[id].weight).toBeGreaterThan(0);
    expect(OBJECTIVE_TERMS["unmet-hours"].weight).toBeGreaterThan(OBJECTIVE_TERMS["topic-repeat"].weight);
  });
  it("unmet-hours and extra-hours measure hours against the plan", () => {
    expect(unmetHours(p, 6)).toBe(3);
    expect(unmetHours(p, 9)).toBe(0);
    expect(extraHours(p, 12)).toBe(3);
    expect(extraHours(p, 9)).toBe(0);
  });
  it("unmet-days counts billable days (≥ 3 h) against the IOP rule of 3 days", () => {
    expect(unmetDays(p, days(3, 0, 3))).toBe(1);
    expect(unmetDays(p, days(3, 1.5, 3))).toBe(1);
    expect(unmetDays(p, days(3, 0, 3, 0, 3))).toBe(0);
  });
  it("topic-repeat counts the second hearing of a topic", () => {
    expect(topicRepeats([1, 2, 1, 1])).toBe(2);
    expect(topicRepeats([1, 2, 3])).toBe(0);
  });
  it("topic-completed counts topics finished before this week", () => {
    expect(completedTopics(p, [cbt, cbt + 1])).toBe(1);
  });
  it("topic-out-of-reach counts the topics still needed beyond what the weeks left hold at the level's pace", () => {
    const week = (admissionDate: string, heard: number) =>
      compile(
        scenario({
          patients: [patient("P1", { admissionDate, plannedWeeks: 4, completedTopics: curriculum.slice(0, heard) }), ...others],
        }),
      ).patients[0];
    const last = week("2026-11-09", 6); // week 4 of 4: six topics left, none after this week
    expect(last.weeksLeft).toBe(1);
    expect(topicsOutOfReach(last, [])).toBe(6);
    expect(topicsOutOfReach(last, [index(curriculum[10]), index(curriculum[11]), index(curriculum[0])])).toBe(4);
    // Week 3 of 4: IOP's 9 h are three 3-hour groups, so next week holds three of the six left.
    const third = week("2026-11-16", 6);
    expect(third.pace).toBe(3);
    expect(topicsOutOfReach(third, [index(curriculum[9]), index(curriculum[10]), index(curriculum[11])])).toBe(0);
    expect(topicsOutOfReach(third, [index(curriculum[10])])).toBe(2);
    expect(topicsOutOfReach(model.patients[1], [])).toBe(0); // no planned length passed, the program's 12 weeks: far from the end
  });
  it("part-preference counts sessions outside the asked-for part", () => {
    expect(offPreference(p, ["evening", "day", "evening"])).toBe(2);
    expect(offPreference(model.patients[1], ["evening"])).toBe(0);
  });
  it("facilitator-continuity counts extra facilitators", () => {
    expect(extraFacilitators([0, 0, 1, 2])).toBe(2);
    expect(extraFacilitators([])).toBe(0);
  });
  it("cohort-change counts last week's groups not kept at the same time with the same lead", () => {
    const returning = compile(
      scenario({
        slots: evening(["mon", "wed", "fri"]),
        facilitators: [facilitator("F1"), facilitator("F2")],
        previous: [
          { patientId: "P1", slotId: "mon-eve", facilitatorId: "F1" },
          { patientId: "P1", slotId: "wed-eve", facilitatorId: "F1" },
          { patientId: "P1", slotId: "gone-slot", facilitatorId: "F1" },
        ],
      }),
    ).patients[0];
    expect(returning.previous).toEqual([
      { slot: 0, fac: 0 },
      { slot: 1, fac: 0 },
      { slot: -1, fac: 0 },
    ]);
    // Mon kept; Wed now led by F2; the slot gone this week cannot be kept.
    expect(cohortChanges(returning, [0, 1, 2], [0, 1, 0])).toBe(2);
    expect(cohortChanges(returning, [0, 1], [0, 0])).toBe(1);
    expect(cohortChanges(returning, [], [])).toBe(3);
    expect(cohortChanges(model.patients[1], [0], [0])).toBe(0);
  });
  it("back-to-back-days counts only avoidable consecutive days", () => {
    expect(avoidableBackToBack(p, days(3, 3, 3))).toBe(2);
    expect(avoidableBackToBack(p, days(3, 0, 3, 0, 3))).toBe(0);
    // Four days out of Mon–Fri cannot avoid two adjacent pairs; Mon–Thu has three.
    expect(avoidableBackToBack(p, days(3, 3, 0, 3, 3))).toBe(0);
    expect(avoidableBackToBack(p, days(3, 3, 3, 3))).toBe(1);
  });
});
