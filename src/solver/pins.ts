// Published assignments placed first, before the greedy or the cohorts: the pinned groups open (with their lead
// and room when named) and pinned patients take their seats; the search then never lets a pin go (hard tier).
import { canJoin, facilitatorFree, roomFree } from "./constraints.js";
import { bestTopic, chooseOpening, openGroup } from "./open-group.js";
import type { State } from "./state.js";

function openPinnedGroup(state: State, slot: number, track: number, fac: number, room: number): number {
  const { model } = state;
  const choice = chooseOpening(state, slot, track, []);
  const lead = fac >= 0 ? fac : (choice?.fac ?? -1);
  const where = room >= 0 ? room : (choice?.room ?? -1);
  if (lead < 0 || where < 0 || !facilitatorFree(state, lead, slot) || !roomFree(state, where, slot, model.tracks[track].min)) return -1;
  const topic = bestTopic(state, slot, track, lead, []);
  return topic < 0 ? -1 : state.open(slot, track, topic, lead, where);
}

export function seedPins(state: State): void {
  const { model } = state;
  for (const pin of model.groupPins) {
    if (!state.pinHeld(pin)) openPinnedGroup(state, pin.slot, pin.track, pin.fac, pin.room);
  }
  model.patients.forEach((patient, p) => {
    for (const slot of patient.pinnedSlots) {
      if (state.pGroups[p].some((g) => state.groups[g].slot === slot)) continue;
      const g = state.groupsOf(slot, patient.track).find((x) => canJoin(state, p, x)) ?? openGroup(state, slot, patient.track, [p]);
      if (g >= 0 && canJoin(state, p, g)) state.add(g, p);
    }
  });
}
