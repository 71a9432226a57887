// Opening a group in a slot: pick a facilitator, a topic and a room that the hard rules allow.
import { facilitatorFree, facilitatorQualified, roomFree } from "./constraints.js";
import { slotAllowsTopic, topicFitsPatient } from "./model.js";
import type { State } from "./state.js";

export interface OpenChoice {
  readonly fac: number;
  readonly topic: number;
  readonly room: number;
}

/** Facilitators who may lead the track in this slot, the one already leading the track nearby first. */
function facilitatorOrder(state: State, slot: number, track: number): number[] {
  const { model } = state;
  const part = model.slots[slot].part;
  const candidates: { f: number; familiar: number; hours: number }[] = [];
  model.facilitators.forEach((fac, f) => {
    if (!fac.leadsTrack[track] || !facilitatorFree(state, f, slot)) return;
    let familiar = 0;
    for (const g of state.facGroups[f]) {
      const group = state.groups[g];
      if (group.track === track && model.slots[group.slot].part === part) familiar++;
    }
    candidates.push({ f, familiar, hours: state.facHours[f] });
  });
  candidates.sort((a, b) => b.familiar - a.familiar || a.hours - b.hours || a.f - b.f);
  return candidates.map((c) => c.f);
}

/** The topic that costs the intended members least: fresh for them, not completed, not yet held for the track. */
export function bestTopic(state: State, slot: number, track: number, fac: number, members: readonly number[]): number {
  const { model } = state;
  const K = model.topics.length;
  let best = -1;
  let bestCost = Infinity;
  for (const k of model.tracks[track].topics) {
    const topic = model.topics[k];
    if (!slotAllowsTopic(model, slot, k) || !facilitatorQualified(model, fac, track, k)) continue;
    let cost = state.topicCount[track * K + k] * 2;
    let fits = true;
    for (const p of members) {
      const patient = model.patients[p];
      if (!topicFitsPatient(topic, patient)) fits = false;
      if (patient.completed.has(k)) cost += state.weights["topic-completed"];
      for (const g of state.pGroups[p]) if (state.groups[g].topic === k) cost += state.weights["topic-repeat"];
    }
    if (!fits) continue;
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return best;
}

/** The smallest free room that seats the track's cap, else the largest free room that seats its minimum. */
function roomFor(state: State, slot: number, track: number): number {
  const { min, max } = state.model.tracks[track];
  let best = -1;
  state.model.rooms.forEach((room, r) => {
    if (!roomFree(state, r, slot, min)) return;
    if (best < 0) return void (best = r);
    const current = state.model.rooms[best].capacity;
    const better = room.capacity >= max ? current < max || room.capacity < current : current < max && room.capacity > current;
    if (better) best = r;
  });
  return best;
}

export function chooseOpening(state: State, slot: number, track: number, members: readonly number[]): OpenChoice | null {
  if (!state.model.slotAllowsTrack[slot * state.model.tracks.length + track]) return null;
  const room = roomFor(state, slot, track);
  if (room < 0) return null;
  for (const fac of facilitatorOrder(state, slot, track)) {
    const topic = bestTopic(state, slot, track, fac, members);
    if (topic >= 0) return { fac, topic, room };
  }
  return null;
}

export function openGroup(state: State, slot: number, track: number, members: readonly number[]): number {
  const choice = chooseOpening(state, slot, track, members);
  return choice ? state.open(slot, track, choice.topic, choice.fac, choice.room) : -1;
}
