// Everything the checks need, rebuilt from the scenario and the roster's own text: instants parsed from the
// sessions' ISO times, windows expanded from the scenario. Nothing here comes from the solver.
import { DateTime } from "luxon";
import {
  type Interval,
  type ProgramModel,
  type Requirement,
  type Roster,
  type Scenario,
  type Session,
  patientWindows,
  programOf,
  requirementOf,
  weekOfStay,
} from "../domain/index.js";

export interface SessionFacts {
  readonly session: Session;
  readonly interval: Interval;
  /** Weekday index in the clinic's zone, Monday = 0. */
  readonly day: number;
  /** Whole minutes, so that limits compare exactly; hours = minutes / 60. */
  readonly minutes: number;
  readonly hours: number;
  /** Indices of the scenario patients the session lists, each once; unknown ids are left to roster-integrity. */
  readonly members: readonly number[];
}

export interface Context {
  readonly scenario: Scenario;
  readonly program: ProgramModel;
  readonly roster: Roster;
  readonly sessions: readonly SessionFacts[];
  readonly patientIndex: ReadonlyMap<string, number>;
  readonly requirement: readonly Requirement[];
  readonly busy: readonly Interval[][];
  readonly weekOfStay: readonly number[];
  /** Session indices per patient, from the sessions' member lists. */
  readonly sessionsOf: readonly number[][];
}

export function buildContext(scenario: Scenario, roster: Roster): Context {
  const program = programOf(scenario);
  const zone = scenario.clinic.timeZone;
  const patientIndex = new Map(scenario.patients.map((p, i) => [p.id, i]));
  const sessionsOf: number[][] = scenario.patients.map(() => []);
  // Groups of one slot share its times: each distinct time is read once.
  const times = new Map<string, { ms: number; weekday: number }>();
  const read = (iso: string) => {
    let time = times.get(iso);
    if (!time) {
      const at = DateTime.fromISO(iso, { zone });
      times.set(iso, (time = { ms: at.toMillis(), weekday: at.weekday }));
    }
    return time;
  };
  const sessions = roster.sessions.map((session, i) => {
    // The end is read for its instant only (the roster's times carry their offset); the weekday comes from the start.
    const start = read(session.start);
    const end = read(session.end);
    const minutes = (end.ms - start.ms) / 60_000;
    const members: number[] = [];
    for (const id of new Set(session.patientIds)) {
      const p = patientIndex.get(id);
      if (p === undefined) continue;
      members.push(p);
      sessionsOf[p].push(i);
    }
    return {
      session,
      interval: { start: start.ms, end: end.ms },
      day: start.weekday - 1,
      minutes,
      hours: minutes / 60,
      members,
    };
  });
  return {
    scenario,
    program,
    roster,
    sessions,
    patientIndex,
    requirement: scenario.patients.map((p) => requirementOf(program, p)),
    // The patient's own windows: a booking while the clinic is closed is the rule "closures", reported once there.
    busy: scenario.patients.map((p) =>
      patientWindows(scenario, p)
        .filter((w) => !w.closure)
        .flatMap((w) => w.intervals),
    ),
    weekOfStay: scenario.patients.map((p) => weekOfStay(scenario, p)),
    sessionsOf,
  };
}
