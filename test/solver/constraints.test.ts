// Each hard rule of the solver on its own, on a hand-built clinic.
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, Scenario, SolveOptions } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import {
  canJoin,
  facilitatorFree,
  facilitatorQualified,
  groupHasRoom,
  levelAllowsAnother,
  patientFreeAt,
  patientWindowAllows,
  roomFree,
  topicAllowed,
  trackAndTopicFit,
} from "../../src/solver/constraints.js";
import { compile } from "../../src/solver/model.js";
import { solve } from "../../src/solver/solve.js";
import { State } from "../../src/solver/state.js";
import { validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const s = scenario({
  rooms: [
    { id: "R1", capacity: 12 },
    { id: "R2", capacity: 4 },
  ],
  slots: [
    { id: "mon-eve", day: "mon", start: "18:00", end: "21:00", part: "evening" },
    { id: "mon-late", day: "mon", start: "20:00", end: "21:30", part: "evening" },
    { id: "tue-eve", day: "tue", start: "18:00", end: "21:00", part: "evening" },
  ],
  facilitators: [
    facilitator("F1", { maxHoursPerWeek: 4 }),
    facilitator("F2", { tracks: ["co-occurring"], credentials: ["LCSW"] }),
    facilitator("F3", { availability: [{ days: ["tue"], start: "08:00", end: "20:00" }] }),
  ],
  patients: [
    patient("P1"),
    patient("W1", { unavailable: [{ days: ["tue"], start: "09:00", end: "17:45", kind: "work" }], travelBufferMinutes: 20 }),
    patient("A1", { level: "aftercare" }),
    patient("C1", { track: "co-occurring" }),
    ...Array.from({ length: 4 }, (_, i) => patient(`Q${i}`)),
    ...Array.from({ length: 3 }, (_, i) => patient(`D${i}`, { track: "co-occurring" })),
  ],
});
const model = compile(s);
const idx = (id: string) => s.patients.findIndex((p) => p.id === id);
const topic = (id: string) => model.topics.findIndex((t) => t.id === id);
const [MON, LATE, TUE] = [0, 1, 2];

function fresh() {
  const state = new State(model, DEFAULT_WEIGHTS);
  const g = state.open(MON, 0, topic("cbt-skills"), 0, 1);
  return { state, g };
}

describe("solver hard rules", () => {
  it("patient-window: the travel buffer blocks the 18:00 group after work to 17:45", () => {
    expect(patientWindowAllows(model, idx("W1"), TUE)).toBe(false);
    expect(patientWindowAllows(model, idx("W1"), MON)).toBe(true);
  });

  it("patient-overlap: a patient in the 18:00 group is not free for the 20:00 one", () => {
    const { state, g } = fresh();
    state.add(g, idx("P1"));
    expect(patientFreeAt(state, idx("P1"), LATE)).toBe(false);
    expect(patientFreeAt(state, idx("P1"), TUE)).toBe(true);
  });

  it("level-rules: aftercare takes one group a week, IOP one a day", () => {
    const { state, g } = fresh();
    state.add(g, idx("A1"));
    expect(levelAllowsAnother(state, idx("A1"), TUE)).toBe(false);
    state.add(g, idx("P1"));
    expect(levelAllowsAnother(state, idx("P1"), LATE)).toBe(false);
    expect(levelAllowsAnother(state, idx("P1"), TUE)).toBe(true);
  });

  it("group-size cap and room-capacity: a group in a room for 4 is full at 4", () => {
    const { state, g } = fresh();
    for (const id of ["Q0", "Q1", "Q2", "Q3"]) state.add(g, idx(id));
    expect(groupHasRoom(state, g)).toBe(false);
    expect(canJoin(state, idx("P1"), g)).toBe(false);
    expect(roomFree(state, 1, TUE, 4)).toBe(true);
    expect(roomFree(state, 1, LATE, 4)).toBe(false);
    expect(roomFree(state, 1, TUE, 5)).toBe(false);
  });

  it("track-separation: a co-occurring patient cannot join a substance-use group", () => {
    const { state, g } = fresh();
    expect(trackAndTopicFit(state, idx("C1"), g)).toBe(false);
    expect(trackAndTopicFit(state, idx("P1"), g)).toBe(true);
  });

  it("facilitator-fit: credentials, availability, overlap and weekly hours", () => {
    const { state } = fresh();
    expect(facilitatorQualified(model, 1, 0, topic("cbt-skills"))).toBe(false);
    expect(facilitatorQualified(model, 1, 1, topic("cbt-skills"))).toBe(true);
    expect(facilitatorFree(state, 2, TUE)).toBe(false);
    expect(facilitatorFree(state, 0, LATE)).toBe(false);
    expect(facilitatorFree(state, 0, TUE)).toBe(false);
    expect(facilitatorFree(state, 1, TUE)).toBe(true);
  });

  it("topic-eligibility: a topic outside its allowed weekdays is refused", () => {
    const matrix = compile(
      scenario({ program: "matrix-16", patients: Array.from({ length: 4 }, (_, i) => patient(`M${i}`, { level: "matrix-iop" })) }),
    );
    const state = new State(matrix, DEFAULT_WEIGHTS);
    const rp = matrix.topics.findIndex((t) => t.id === "rp-01");
    const fe = matrix.topics.findIndex((t) => t.id === "fe-01");
    const g = state.open(0, 0, rp, 0, 0);
    expect(topicAllowed(state, g, fe)).toBe(false);
    expect(topicAllowed(state, g, rp)).toBe(true);
  });
});

describe("time limit", () => {
  const big = Scenario.parse(generateScenario({ shape: "urban", patients: 300, seed: 2 }));

  it("returns the best roster so far, valid, with status time-limit", () => {
    const roster = solve(big, SolveOptions.parse({ seed: 1, timeLimitMs: 10, maxIterations: 10_000_000 }));
    expect(roster.solver.status).toBe("time-limit");
    expect(validate(big, roster).valid).toBe(true);
  });

  it("never returns less than the greedy's roster, however short the limit", () => {
    const cut = solve(big, SolveOptions.parse({ seed: 1, timeLimitMs: 10, maxIterations: 10_000_000 }));
    const greedy = solve(big, SolveOptions.parse({ seed: 1, maxIterations: 0 }));
    expect(cut.metrics.groupsOpened).toBeGreaterThan(0);
    expect(cut.metrics.totalUnmetHours).toBeLessThanOrEqual(greedy.metrics.totalUnmetHours);
  });
});
