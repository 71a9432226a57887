// A roster edited by hand (a patient moved between groups in the JSON) made whole again: its groups and members
// are kept as they are, everything derived from them (each patient's sessions and hours, shortfalls and their
// reasons, metrics, the objective) is recomputed the way a solve computes it. Nothing is searched or repaired.
import { type Roster, type Scenario, type Weights, weightsWith } from "../domain/index.js";
import { reachAndBound } from "./bound.js";
import { compile } from "./model.js";
import { restore } from "./solve.js";
import { toRoster } from "./to-roster.js";

export type Rebooked = { ok: true; roster: Roster } | { ok: false; unknown: string[] };

/**
 * `weights` as the original solve used them, so that objectives compare. Ids that the scenario does not know
 * (a mistyped patient, room or topic) make the roster impossible to rebuild: they are listed instead.
 */
export function rebook(scenario: Scenario, edited: Roster, weights: Partial<Weights> = {}): Rebooked {
  const model = compile(scenario);
  const index = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((x, i) => [x.id, i]));
  const slots = index(model.slots);
  const tracks = index(model.tracks);
  const topics = index(model.topics);
  const facilitators = index(model.facilitators);
  const rooms = index(model.rooms);
  const patients = index(model.patients);
  const unknown: string[] = [];
  const look = (map: Map<string, number>, id: string, what: string, session: string): number => {
    const i = map.get(id);
    if (i === undefined) unknown.push(`session ${session}: unknown ${what}`);
    return i ?? -1;
  };
  const groups = edited.sessions.map((s) => ({
    slot: look(slots, s.slotId, "slot", s.id),
    track: look(tracks, s.track, "track", s.id),
    topic: look(topics, s.topic, "topic", s.id),
    fac: look(facilitators, s.facilitatorId, "facilitator", s.id),
    room: look(rooms, s.roomId, "room", s.id),
    members: [...new Set(s.patientIds)].map((id) => look(patients, id, "patient", s.id)),
  }));
  if (unknown.length > 0) return { ok: false, unknown };
  const full = weightsWith(weights);
  const state = restore(
    model,
    full,
    groups.map((g) => ({ ...g, alive: true })),
  );
  const { reach, bound, unmetHours } = reachAndBound(model, full);
  const roster = toRoster(state, reach, {
    engine: "hand-edited",
    status: "feasible",
    bound,
    unmetHoursBound: unmetHours,
    timeMs: 0,
    seed: edited.solver.seed,
    iterations: 0,
  });
  return { ok: true, roster };
}
