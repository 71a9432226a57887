// The solver's state written out as the public Roster, with reasons for every shortfall.
import { OBJECTIVE_TERMS, type Roster, type TermId, isoInZone } from "../domain/index.js";
import { explainShortfall } from "./explain.js";
import type { Reach } from "./reach.js";
import type { State } from "./state.js";
import { patientTerms } from "./terms.js";

export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface SolverFacts {
  readonly engine: string;
  readonly status: Roster["solver"]["status"];
  readonly bound: number | null;
  readonly timeMs: number;
  readonly seed: number;
  readonly iterations: number;
}

export function toRoster(state: State, reach: readonly Reach[], facts: SolverFacts): Roster {
  const { model } = state;
  const { scenario } = model;
  const zone = scenario.clinic.timeZone;
  const groups = state
    .aliveGroups()
    .sort((a, b) => {
      const ga = state.groups[a];
      const gb = state.groups[b];
      return model.slots[ga.slot].interval.start - model.slots[gb.slot].interval.start || ga.slot - gb.slot || ga.track - gb.track || a - b;
    });
  const order = new Map(groups.map((g, i) => [g, i]));
  const sessionId = new Map<number, string>();
  const counter = new Map<string, number>();
  const sessions = groups.map((g) => {
    const group = state.groups[g];
    const slot = model.slots[group.slot];
    const key = `${scenario.slots[group.slot].id}.${model.tracks[group.track].id}`;
    const n = (counter.get(key) ?? 0) + 1;
    counter.set(key, n);
    const id = `${key}.${n}`;
    sessionId.set(g, id);
    return {
      id,
      slotId: scenario.slots[group.slot].id,
      track: model.tracks[group.track].id,
      topic: model.topics[group.topic].id,
      topicTitle: model.topics[group.topic].title,
      part: slot.part,
      start: isoInZone(slot.interval.start, zone),
      end: isoInZone(slot.interval.end, zone),
      facilitatorId: model.facilitators[group.fac].id,
      roomId: model.rooms[group.room].id,
      patientIds: [...group.members].sort((a, b) => a - b).map((p) => model.patients[p].id),
    };
  });

  const waitlist: Roster["waitlist"] = [];
  let unmetTotal = 0;
  let served = 0;
  let repeats = 0;
  const patients = model.patients.map((patient, p) => {
    const v = patientTerms(model, state, p);
    const ids = [...state.pGroups[p]].sort((a, b) => order.get(a)! - order.get(b)!).map((g) => sessionId.get(g)!);
    repeats += v["topic-repeat"];
    unmetTotal += v["unmet-hours"];
    const short = v["unmet-hours"] > 0 || v["unmet-days"] > 0;
    let unmet = null;
    if (short) {
      const reason = explainShortfall(state, p, reach[p]);
      unmet = { hours: round(v["unmet-hours"]), days: v["unmet-days"], reason };
      if (ids.length === 0) waitlist.push({ patientId: patient.id, reason });
    } else served++;
    return {
      id: patient.id,
      level: scenario.patients[p].level,
      track: patient.track >= 0 ? model.tracks[patient.track].id : "",
      requiredHours: round(patient.required),
      scheduledHours: round(state.pHours[p]),
      sessionIds: ids,
      unmet,
    };
  });

  const fills = groups.map((g) => state.groups[g].members.length / state.capacity(g));
  const facilitatorHours = Object.fromEntries(model.facilitators.map((f, i) => [f.id, round(state.facHours[i])]));
  const breakdown = state.breakdown();
  const terms = (Object.keys(OBJECTIVE_TERMS) as TermId[]).map((id) => ({
    id,
    weight: state.weights[id],
    value: round(breakdown[id]),
    penalty: round(state.weights[id] * breakdown[id]),
  }));
  const objective = round(terms.reduce((sum, t) => sum + t.penalty, 0));
  const gap = facts.bound === null ? null : objective <= 0 ? 0 : round(Math.max(0, objective - facts.bound) / objective, 6);
  return {
    clinicId: scenario.clinic.id,
    weekStart: scenario.clinic.weekStart,
    timeZone: zone,
    sessions,
    patients,
    waitlist,
    metrics: {
      patients: model.patients.length,
      patientsFullyServed: served,
      waitlisted: waitlist.length,
      totalUnmetHours: round(unmetTotal),
      groupsOpened: groups.length,
      meanGroupFill: round(fills.length ? fills.reduce((a, b) => a + b, 0) / fills.length : 0),
      minGroupFill: round(fills.length ? Math.min(...fills) : 0),
      topicRepeats: repeats,
      facilitatorHours,
    },
    solver: {
      engine: facts.engine,
      status: facts.status === "feasible" && gap === 0 ? "optimal" : facts.status,
      objective,
      bound: facts.bound === null ? null : round(facts.bound),
      gap,
      timeMs: Math.round(facts.timeMs),
      seed: facts.seed,
      iterations: facts.iterations,
      terms,
    },
  };
}

/** The roster with a lower bound proved elsewhere (HiGHS on the aggregated model), if it is tighter. */
export function withBound(roster: Roster, bound: number | null): Roster {
  const current = roster.solver.bound;
  if (bound === null || (current !== null && bound <= current)) return roster;
  const objective = roster.solver.objective;
  const gap = objective <= 0 ? 0 : round(Math.max(0, objective - bound) / objective, 6);
  const status = roster.solver.status === "feasible" && gap === 0 ? "optimal" : roster.solver.status;
  return { ...roster, solver: { ...roster.solver, bound: round(bound), gap, status } };
}
