// A first roster from a pressure-aware greedy: hardest patients first, into slots their peers can also reach,
// then groups below their minimum are filled or dissolved, so the search starts from a feasible roster.
import { canJoin, levelAllowsAnother, patientFreeAt, topicAllowed } from "./constraints.js";
import { seedCohorts } from "./continuity.js";
import { seedPins } from "./pins.js";
import { openGroup } from "./open-group.js";
import { type State, compareScores } from "./state.js";
import { unmetHours } from "./terms.js";

/** Expected attendance per (slot, track) if every patient spread their sessions evenly over their feasible slots. */
export function slotPressure(state: State): Float64Array {
  const { model } = state;
  const T = model.tracks.length;
  const pressure = new Float64Array(model.slots.length * T);
  for (const patient of model.patients) {
    const n = patient.feasibleList.length;
    if (n === 0) continue;
    const mean = patient.feasibleList.reduce((h, s) => h + model.slots[s].hours, 0) / n;
    const need = Math.min(n, Math.ceil(patient.required / mean - 1e-9));
    for (const s of patient.feasibleList) pressure[s * T + patient.track] += need / n;
  }
  return pressure;
}

function joinableGroup(state: State, p: number, slot: number): number {
  let best = -1;
  for (const g of state.groupsOf(slot, state.model.patients[p].track)) {
    if (!canJoin(state, p, g)) continue;
    const size = state.groups[g].members.length;
    if (best < 0 || size < state.groups[best].members.length) best = g;
  }
  return best;
}

/** How much a returning patient's greedy choice leans to last week's group: its time, and more with its lead. */
function cohortBonus(state: State, p: number, s: number, g: number): number {
  let bonus = 0;
  for (const prev of state.model.patients[p].previous) {
    if (prev.slot !== s) continue;
    bonus = Math.max(bonus, g >= 0 && state.groups[g].fac === prev.fac ? 2000 : 1500);
  }
  return bonus;
}

function placePatient(state: State, p: number, pressure: Float64Array, keepCohorts: boolean): void {
  const { model } = state;
  const patient = model.patients[p];
  const T = model.tracks.length;
  while (unmetHours(patient, state.pHours[p]) > 0) {
    let bestSlot = -1;
    let bestGroup = -1;
    let bestScore = -Infinity;
    const usedDays = new Set(state.pGroups[p].map((g) => model.slots[state.groups[g].slot].day));
    for (const s of patient.feasibleList) {
      if (!patientFreeAt(state, p, s) || !levelAllowsAnother(state, p, s)) continue;
      const slot = model.slots[s];
      const g = joinableGroup(state, p, s);
      let score =
        g >= 0 ? 1000 + (state.groups[g].members.length < model.tracks[patient.track].min ? 300 : 0) : pressure[s * T + patient.track] * 10;
      if (patient.preference !== "any" && slot.part === patient.preference) score += 40;
      if (keepCohorts) score += cohortBonus(state, p, s, g);
      if (usedDays.has(slot.day - 1) || usedDays.has(slot.day + 1)) score -= 30;
      const overshoot = state.pHours[p] + slot.hours - patient.required;
      if (overshoot > 1e-9) score -= 50 * overshoot;
      if (score > bestScore) {
        bestScore = score;
        bestSlot = s;
        bestGroup = g;
      }
    }
    if (bestSlot < 0) return;
    const g = bestGroup >= 0 ? bestGroup : openGroup(state, bestSlot, patient.track, [p]);
    if (g < 0) {
      // No facilitator or room for a new group there: take the slot out of this patient's reach for now.
      pressure[bestSlot * T + patient.track] = -Infinity;
      if (patient.feasibleList.every((s) => pressure[s * T + patient.track] === -Infinity || !patientFreeAt(state, p, s))) return;
      continue;
    }
    state.add(g, p);
  }
}

function dissolve(state: State, g: number): number[] {
  const members = [...state.groups[g].members];
  for (const p of members) state.remove(g, p);
  state.close(g);
  return members;
}

/** Fill each group below its minimum from the patients who can still come, else dissolve it and re-seat its members. */
export function repairMinimums(state: State): void {
  const { model } = state;
  for (;;) {
    const short = state
      .aliveGroups()
      .filter((g) => state.groups[g].members.length < model.tracks[state.groups[g].track].min)
      .sort((a, b) => state.groups[a].members.length - state.groups[b].members.length || a - b);
    if (short.length === 0) return;
    const g = short[0];
    const group = state.groups[g];
    const min = model.tracks[group.track].min;
    const needy: number[] = [];
    const willing: number[] = [];
    model.patients.forEach((patient, p) => {
      if (patient.track !== group.track || !canJoin(state, p, g)) return;
      (unmetHours(patient, state.pHours[p]) > 0 ? needy : willing).push(p);
    });
    const movable: [number, number][] = [];
    for (const other of state.groupsOf(group.slot, group.track)) {
      const o = state.groups[other];
      if (other === g) continue;
      const spare = o.members.length - model.tracks[o.track].min;
      for (const p of o.members.slice(0, Math.max(0, spare))) movable.push([other, p]);
    }
    if (group.members.length + needy.length + movable.length + willing.length < min) {
      const orphans = dissolve(state, g);
      for (const p of orphans) reseat(state, p);
      continue;
    }
    for (const p of needy) if (group.members.length < min && canJoin(state, p, g)) state.add(g, p);
    for (const [other, p] of movable) {
      if (group.members.length >= min) break;
      state.remove(other, p);
      if (canJoin(state, p, g)) state.add(g, p);
      else state.add(other, p);
    }
    for (const p of willing) if (group.members.length < min && canJoin(state, p, g)) state.add(g, p);
    if (group.members.length < min) for (const p of dissolve(state, g)) reseat(state, p);
  }
}

/** Put a patient who lost a session into existing groups with room, until their hours are met. */
export function reseat(state: State, p: number): void {
  const patient = state.model.patients[p];
  for (const s of patient.feasibleList) {
    if (unmetHours(patient, state.pHours[p]) <= 0) return;
    const g = joinableGroup(state, p, s);
    if (g >= 0) state.add(g, p);
  }
}

/** Give every group the topic that the objective likes best among those the rules allow. */
export function polishTopics(state: State, stop: () => boolean = () => false): void {
  const order = state.aliveGroups().sort((a, b) => state.groups[a].slot - state.groups[b].slot || a - b);
  for (let i = 0; i < order.length; i++) {
    if ((i & 15) === 0 && stop()) return;
    const g = order[i];
    const group = state.groups[g];
    let best = group.topic;
    let bestScore = state.score();
    for (const k of state.model.tracks[group.track].topics) {
      if (k === group.topic || !topicAllowed(state, g, k)) continue;
      const before = group.topic;
      state.setTopic(g, k);
      const score = state.score();
      if (compareScores(score, bestScore) < 0) {
        bestScore = score;
        best = k;
      }
      state.setTopic(g, before);
    }
    state.setTopic(g, best);
  }
}

/** Builds the first roster (`keepCohorts`: last week's first); `stop` is asked between patients, and a stopped build still ends feasible. */
export function construct(state: State, stop: () => boolean = () => false, keepCohorts = false): void {
  const { model } = state;
  seedPins(state);
  if (keepCohorts) seedCohorts(state);
  const pressure = slotPressure(state);
  const order = model.patients
    .map((patient, p) => {
      const n = patient.feasibleList.length;
      const mean = n ? patient.feasibleList.reduce((h, s) => h + model.slots[s].hours, 0) / n : 1;
      return { p, slack: n - patient.required / mean };
    })
    .sort((a, b) => a.slack - b.slack || a.p - b.p);
  for (let i = 0; i < order.length; i++) {
    if ((i & 31) === 0 && stop()) break;
    placePatient(state, order[i].p, pressure.slice(), keepCohorts);
  }
  repairMinimums(state);
}
