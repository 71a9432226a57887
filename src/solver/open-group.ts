// Opening a group in a slot: pick a facilitator, a topic and a room that the hard rules allow, handing other
// groups to other leads or rooms when that frees what the new group needs.
import { facilitatorFree, facilitatorQualified } from "./constraints.js";
import { slotAllowsTopic, topicFitsPatient } from "./model.js";
import { type Handover, applyLeadHandovers, leadOptions, roomWithMove } from "./staffing.js";
import type { State } from "./state.js";

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
      if (patient.completed[k]) cost += state.weights["topic-completed"];
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

export interface OpenChoice {
  readonly fac: number;
  readonly topic: number;
  readonly room: number;
  /** Groups handed to other facilitators first, to free the lead. */
  readonly handovers: readonly Handover[];
  /** Groups moved to other rooms first, to free the room. */
  readonly roomMoves: readonly Handover[];
}

/**
 * The room and leads a group of a track could have in a slot, remembered while the state does not change: the
 * explanations ask the same question for every patient short of hours, and only the topic depends on who asks.
 */
export class OpeningMemo {
  private readonly answers = new Map<string, unknown>();
  once<T>(key: string, compute: () => T): T {
    if (!this.answers.has(key)) this.answers.set(key, compute());
    return this.answers.get(key) as T;
  }
}

/** A lead, topic and room for a new group, with the hand-overs that free them; null when none can be had. */
export function chooseOpening(
  state: State,
  slot: number,
  track: number,
  members: readonly number[],
  memo?: OpeningMemo,
): OpenChoice | null {
  const { model } = state;
  if (!model.slotAllowsTrack[slot * model.tracks.length + track]) return null;
  const { min, max } = model.tracks[track];
  const once = <T>(what: string, compute: () => T): T => (memo ? memo.once(`${what} ${slot} ${track}`, compute) : compute());
  const room = once("room", () => roomWithMove(state, slot, min, max));
  if (!room) return null;
  for (const fac of once("leads", () => facilitatorOrder(state, slot, track))) {
    const topic = bestTopic(state, slot, track, fac, members);
    if (topic >= 0) return { fac, topic, room: room.room, handovers: [], roomMoves: room.moves };
  }
  // Only when no lead is free: the chains cost more than the free leads and move other groups.
  for (const { fac, handovers } of once("chains", () => leadOptions(state, slot, track))) {
    const topic = bestTopic(state, slot, track, fac, members);
    if (topic >= 0) return { fac, topic, room: room.room, handovers, roomMoves: room.moves };
  }
  return null;
}

export function openGroup(state: State, slot: number, track: number, members: readonly number[]): number {
  const choice = chooseOpening(state, slot, track, members);
  if (!choice) return -1;
  applyLeadHandovers(state, choice.handovers);
  for (const { g, to } of choice.roomMoves) state.setRoom(g, to);
  return state.open(slot, track, choice.topic, choice.fac, choice.room);
}
