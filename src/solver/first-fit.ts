// The baseline a spreadsheet gives: patients in list order take the earliest slots that fit, joining the first
// group with room or opening one; groups that end below their minimum are cancelled. No search.
import { type Roster, type Scenario, type SolveOptions, weightsWith } from "../domain/index.js";
import { reachAndBound } from "./bound.js";
import { canJoin, facilitatorFree, facilitatorQualified, levelAllowsAnother, patientFreeAt, roomFree } from "./constraints.js";
import { compile, slotAllowsTopic } from "./model.js";
import { State } from "./state.js";
import { unmetHours } from "./terms.js";
import { toRoster } from "./to-roster.js";

function openFirst(state: State, slot: number, track: number, nextTopic: number[]): number {
  const { model } = state;
  const topics = model.tracks[track].topics;
  const room = model.rooms.findIndex((_, r) => roomFree(state, r, slot, model.tracks[track].min));
  if (room < 0) return -1;
  for (let f = 0; f < model.facilitators.length; f++) {
    if (!facilitatorFree(state, f, slot)) continue;
    for (let i = 0; i < topics.length; i++) {
      const k = topics[(nextTopic[track] + i) % topics.length];
      if (!slotAllowsTopic(model, slot, k) || !facilitatorQualified(model, f, track, k)) continue;
      nextTopic[track] = (nextTopic[track] + i + 1) % topics.length;
      return state.open(slot, track, k, f, room);
    }
  }
  return -1;
}

export function firstFit(scenario: Scenario, options: SolveOptions): Roster {
  const startedAt = Date.now();
  const model = compile(scenario);
  const weights = weightsWith(options.weights);
  const state = new State(model, weights);
  const chronological = model.slots.map((_, s) => s).sort((a, b) => model.slots[a].interval.start - model.slots[b].interval.start || a - b);
  const nextTopic = model.tracks.map(() => 0);
  model.patients.forEach((patient, p) => {
    for (const s of chronological) {
      if (unmetHours(patient, state.pHours[p]) <= 0) return;
      if (!patient.feasible[s] || !patientFreeAt(state, p, s) || !levelAllowsAnother(state, p, s)) continue;
      let g = state.slotGroups[s].find((x) => canJoin(state, p, x)) ?? -1;
      if (g < 0) {
        g = openFirst(state, s, patient.track, nextTopic);
        if (g >= 0 && !canJoin(state, p, g)) continue;
      }
      if (g >= 0) state.add(g, p);
    }
  });
  for (const g of state.aliveGroups()) {
    const group = state.groups[g];
    if (group.members.length >= model.tracks[group.track].min) continue;
    for (const p of [...group.members]) state.remove(g, p);
    state.close(g);
  }
  const { reach, bound, unmetHours: hoursFloor } = reachAndBound(model, weights);
  return toRoster(state, reach, {
    engine: "first-fit",
    status: state.aliveGroups().length === 0 && model.patients.length > 0 ? "no-placement" : "feasible",
    bound,
    unmetHoursBound: hoursFloor,
    timeMs: Date.now() - startedAt,
    seed: options.seed,
    iterations: 0,
  });
}
