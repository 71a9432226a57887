// Last week's cohorts re-formed before the greedy fills the week: a returning patient finds their group at the
// same time with the same lead, wherever this week's rules still allow it, and the search starts from there.
import { canJoin, facilitatorFree, levelAllowsAnother, patientFreeAt } from "./constraints.js";
import { bestTopic, openGroup } from "./open-group.js";
import { roomWithMove } from "./staffing.js";
import type { State } from "./state.js";
import { unmetHours } from "./terms.js";

/** Returning patients by last week's group (slot, track, lead), largest cohort first. */
function cohorts(state: State): { slot: number; track: number; fac: number; members: number[] }[] {
  const byKey = new Map<string, { slot: number; track: number; fac: number; members: number[] }>();
  state.model.patients.forEach((patient, p) => {
    for (const { slot, fac } of patient.previous) {
      if (slot < 0 || fac < 0) continue;
      const key = `${slot} ${patient.track} ${fac}`;
      const cohort = byKey.get(key) ?? { slot, track: patient.track, fac, members: [] };
      cohort.members.push(p);
      byKey.set(key, cohort);
    }
  });
  return [...byKey.values()].sort((a, b) => b.members.length - a.members.length || a.slot - b.slot || a.fac - b.fac);
}

/** The group a cohort meets in: one of its lead's at that time, or a new one (its lead if free, else another). */
function groupFor(state: State, slot: number, track: number, fac: number, members: readonly number[]): number {
  const { model } = state;
  for (const g of state.groupsOf(slot, track)) if (state.groups[g].fac === fac) return g;
  if (model.facilitators[fac].leadsTrack[track] && facilitatorFree(state, fac, slot)) {
    const topic = bestTopic(state, slot, track, fac, members);
    const room = roomWithMove(state, slot, model.tracks[track].min, members.length);
    if (topic >= 0 && room && room.moves.length === 0) return state.open(slot, track, topic, fac, room.room);
  }
  return openGroup(state, slot, track, members);
}

export function seedCohorts(state: State): void {
  const { model } = state;
  for (const cohort of cohorts(state)) {
    const { slot, track } = cohort;
    const coming = cohort.members.filter((p) => {
      const patient = model.patients[p];
      return (
        patient.feasible[slot] &&
        patientFreeAt(state, p, slot) &&
        levelAllowsAnother(state, p, slot) &&
        unmetHours(patient, state.pHours[p]) > 0
      );
    });
    // A cohort too small to meet is left to the greedy, which may merge it into another group.
    if (coming.length < model.tracks[track].min) continue;
    const g = groupFor(state, slot, track, cohort.fac, coming);
    if (g < 0) continue;
    for (const p of coming) if (canJoin(state, p, g)) state.add(g, p);
  }
}
