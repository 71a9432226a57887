// The solver's state written out as the public Roster, with reasons for every shortfall.
import {
  OBJECTIVE_TERMS,
  PART2_NOTICE,
  type Roster,
  type TermId,
  clipText,
  continuityOf,
  isoInZone,
  placementsOf,
} from "../domain/index.js";
import { explainShortfall } from "./explain.js";
import { OpeningMemo } from "./open-group.js";
import { loadWarnings } from "./warnings.js";
import { fullDaysBound, mediumFloor } from "./bound.js";
import type { Reach } from "./reach.js";
import type { State } from "./state.js";
import { withServices } from "./services/index.js";
import { patientTerms } from "./terms.js";

export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface SolverFacts {
  readonly engine: string;
  readonly status: Roster["solver"]["status"];
  readonly bound: number | null;
  readonly unmetHoursBound: number | null;
  /** Billable days no valid roster avoids; every bound there is when not given. */
  readonly unmetDaysBound?: number;
  /** On the medium tier; the hours and days bounds at their weights when not given. */
  readonly mediumBound?: number | null;
  /** When the medium tier (hours and days) first met its bounds, from the solve's start. */
  readonly provenAtMs?: number | null;
  readonly timeMs: number;
  readonly seed: number;
  readonly iterations: number;
}

export function toRoster(state: State, reach: readonly Reach[], facts: SolverFacts): Roster {
  const { model } = state;
  const { scenario } = model;
  const zone = scenario.clinic.timeZone;
  const groups = state.aliveGroups().sort((a, b) => {
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
  const openings = new OpeningMemo();
  const patients = model.patients.map((patient, p) => {
    const v = patientTerms(model, state, p);
    const ids = [...state.pGroups[p]].sort((a, b) => order.get(a)! - order.get(b)!).map((g) => sessionId.get(g)!);
    repeats += v["topic-repeat"];
    unmetTotal += v["unmet-hours"];
    const short = v["unmet-hours"] > 0 || v["unmet-days"] > 0;
    let unmet = null;
    if (short) {
      // A reason can name every group time and lead of a large clinic; the roster keeps what its schema reads back.
      const reason = clipText(explainShortfall(state, p, reach[p], openings));
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
  const gap = facts.bound === null ? null : gapOf(objective, facts.bound);
  const daysBound = facts.unmetDaysBound ?? fullDaysBound(model, reach, facts.unmetHoursBound ?? 0);
  const mediumBound =
    facts.mediumBound ?? (facts.unmetHoursBound === null ? null : mediumFloor(state.weights, facts.unmetHoursBound, daysBound));
  const groupsOnly: Roster = {
    notice: PART2_NOTICE,
    clinicId: scenario.clinic.id,
    weekStart: scenario.clinic.weekStart,
    timeZone: zone,
    sessions,
    patients,
    individualSessions: [],
    familySessions: [],
    drugTests: [],
    serviceShortfalls: [],
    waitlist,
    warnings: loadWarnings(model).map((w) => ({ ...w, message: clipText(w.message) })),
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
      continuity: continuityOf(scenario, placementsOf({ sessions })),
    },
    solver: {
      engine: facts.engine,
      status: facts.status === "feasible" && gap === 0 ? "optimal" : facts.status,
      objective,
      bound: facts.bound === null ? null : round(facts.bound),
      gap,
      unmetHoursBound: facts.unmetHoursBound === null ? null : round(facts.unmetHoursBound),
      unmetDaysBound: daysBound,
      mediumBound: mediumBound === null ? null : round(mediumBound),
      provenAtMs: facts.provenAtMs ?? null,
      timeMs: Math.round(facts.timeMs),
      seed: facts.seed,
      iterations: facts.iterations,
      terms,
    },
  };
  return withServices(scenario, groupsOnly, facts.seed);
}

/**
 * The relative gap, not clamped: a bound above the objective would be a bug, and it must show, not read as
 * optimal. Objectives of 0 (nothing to improve) divide by 1.
 */
export function gapOf(objective: number, bound: number): number {
  return round((objective - bound) / Math.max(objective, 1), 6);
}

/** The roster with bounds proved elsewhere (HiGHS), each taken where it is tighter. */
export function withBound(
  roster: Roster,
  bound: number | null,
  unmetHoursBound: number | null = null,
  unmetDaysBound: number | null = null,
  mediumBound: number | null = null,
): Roster {
  const current = roster.solver;
  // Each bound is kept where it is the stronger: two valid lower bounds, the larger is valid too.
  const stronger = (found: number | null, held: number | null) => (found !== null && (held === null || found > held) ? round(found) : held);
  const objectiveBound = stronger(bound, current.bound);
  const hoursBound = stronger(unmetHoursBound, current.unmetHoursBound);
  const daysBound = stronger(unmetDaysBound, current.unmetDaysBound);
  const medium = stronger(mediumBound, current.mediumBound);
  if (
    objectiveBound === current.bound &&
    hoursBound === current.unmetHoursBound &&
    daysBound === current.unmetDaysBound &&
    medium === current.mediumBound
  )
    return roster;
  const gap = objectiveBound === null ? null : gapOf(current.objective, objectiveBound);
  const status = current.status === "feasible" && gap === 0 ? "optimal" : current.status;
  return {
    ...roster,
    solver: { ...current, bound: objectiveBound, gap, status, unmetHoursBound: hoursBound, unmetDaysBound: daysBound, mediumBound: medium },
  };
}
