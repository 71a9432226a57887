// The hard rules, one named predicate each. The search only ever makes changes these allow,
// except the group minimum, which it may break in passing and pays for at the HARD weight.
import type { RuleId } from "../domain/index.js";
import { type Model, slotAllowsTopic, topicFitsPatient } from "./model.js";
import { facilitatorCanTake, patientCanAttend } from "./services/bookings.js";
import { spreadAtLeast } from "./services/drug-tests.js";
import type { State } from "./state.js";

const EPS = 1e-9;

/** A patient only attends slots clear of their windows (with travel buffer), open to their track and level. */
export function patientWindowAllows(model: Model, p: number, slot: number): boolean {
  return model.patients[p].feasible[slot] === 1;
}

/** A patient never sits in two overlapping sessions. */
export function patientFreeAt(state: State, p: number, slot: number): boolean {
  const S = state.model.slots.length;
  for (const g of state.pGroups[p]) if (state.model.conflict[slot * S + state.groups[g].slot]) return false;
  return true;
}

/** Weekly hours stay inside the band; per-day sessions and hours and weekly sessions inside the level's rule. */
export function levelAllowsAnother(state: State, p: number, slot: number): boolean {
  const { model } = state;
  const patient = model.patients[p];
  const s = model.slots[slot];
  const hours = state.pHours[p] + s.hours;
  if (patient.maxExclusive ? hours >= patient.maxHours - EPS : hours > patient.maxHours + EPS) return false;
  const groups = state.pGroups[p];
  if (groups.length + 1 > patient.maxSessionsPerWeek) return false;
  let sessionsToday = 1;
  let hoursToday = s.hours;
  for (const g of groups) {
    const other = model.slots[state.groups[g].slot];
    if (other.day !== s.day) continue;
    sessionsToday++;
    hoursToday += other.hours;
  }
  return sessionsToday <= patient.maxSessionsPerDay && hoursToday <= patient.maxHoursPerDay + EPS;
}

/** A group holds at most its cap: the track's maximum and its room's capacity. */
export function groupHasRoom(state: State, g: number): boolean {
  return state.groups[g].members.length < state.capacity(g);
}

/** A group holds one track, and its topic must suit every member's week of stay. */
export function trackAndTopicFit(state: State, p: number, g: number): boolean {
  const group = state.groups[g];
  const patient = state.model.patients[p];
  return group.track === patient.track && topicFitsPatient(state.model.topics[group.topic], patient);
}

/** The rules for adding patient p to group g that depend on the group, not on its slot. */
export function groupTakes(state: State, p: number, g: number): boolean {
  return state.groups[g].alive && trackAndTopicFit(state, p, g) && groupHasRoom(state, g);
}

/** The rules for adding patient p to any group of a slot: their windows, their other sessions, their level. */
export function slotTakes(state: State, p: number, slot: number): boolean {
  return patientWindowAllows(state.model, p, slot) && patientFreeAt(state, p, slot) && levelAllowsAnother(state, p, slot);
}

/** Every rule for adding patient p to group g. */
export function canJoin(state: State, p: number, g: number): boolean {
  return groupTakes(state, p, g) && slotTakes(state, p, state.groups[g].slot);
}

/** A facilitator is credentialed for the track and topic. */
export function facilitatorQualified(model: Model, f: number, track: number, topic: number): boolean {
  return model.facilitators[f].canLead[track * model.topics.length + topic] === 1;
}

/** A facilitator is available for the whole slot, leads no overlapping group and stays within their weekly hours. */
export function facilitatorFree(state: State, f: number, slot: number, ignoring = -1): boolean {
  const { model } = state;
  const fac = model.facilitators[f];
  if (!fac.available[slot]) return false;
  const S = model.slots.length;
  for (const g of state.facGroups[f]) if (g !== ignoring && model.conflict[slot * S + state.groups[g].slot]) return false;
  const extra = ignoring >= 0 && state.groups[ignoring].fac === f ? 0 : model.slots[slot].hours;
  return state.facHours[f] + extra <= fac.maxHours + EPS;
}

/** A room in service holds one group at a time and fits its members. */
export function roomFree(state: State, r: number, slot: number, size: number, ignoring = -1): boolean {
  const { model } = state;
  if (model.rooms[r].capacity < size || !model.rooms[r].available[slot]) return false;
  const S = model.slots.length;
  for (const g of state.roomGroups[r]) if (g !== ignoring && model.conflict[slot * S + state.groups[g].slot]) return false;
  return true;
}

/** A topic belongs to the track's curriculum, may be held that weekday, and suits every member. */
export function topicAllowed(state: State, g: number, topic: number): boolean {
  const { model } = state;
  const group = state.groups[g];
  const t = model.topics[topic];
  if (!slotAllowsTopic(model, group.slot, topic)) return false;
  if (!facilitatorQualified(model, group.fac, group.track, topic)) return false;
  for (const p of group.members) if (!topicFitsPatient(t, model.patients[p])) return false;
  return true;
}

/**
 * The predicates that keep each hard rule, keyed by the shared rule id (domain/rules.ts), so a rule added there
 * does not compile until the search enforces it. The group minimum is kept by the hard tier of the score and by
 * repairMinimums before a roster is written; roster integrity by to-roster.ts writing every list from one state.
 */
/** Every pin held: the state counts broken pins in its hard tier, which the search never lets rise. */
export function pinsKept(state: State): boolean {
  return state.brokenPins() === 0;
}

export const ENFORCED_BY: Record<RuleId, readonly ((...args: never[]) => boolean)[]> = {
  "roster-integrity": [],
  "slot-fit": [patientWindowAllows],
  "patient-window": [patientWindowAllows],
  "patient-overlap": [patientFreeAt],
  "facilitator-overlap": [facilitatorFree],
  "room-overlap": [roomFree],
  "group-size": [groupHasRoom],
  "track-separation": [trackAndTopicFit],
  "facilitator-fit": [facilitatorQualified, facilitatorFree],
  "room-capacity": [groupHasRoom, roomFree],
  "level-rules": [levelAllowsAnother],
  "topic-eligibility": [topicAllowed, trackAndTopicFit],
  "individual-sessions": [patientCanAttend, facilitatorCanTake],
  "family-program": [patientCanAttend, facilitatorCanTake],
  "drug-tests": [spreadAtLeast],
  // The level in force is the scenario's `level` (input refuses a history that says otherwise), which the groups follow.
  "step-down": [levelAllowsAnother],
  // Written from the record and the sessions in one place (services/index.ts), like the roster's other lists.
  "curriculum-progress": [],
  pins: [pinsKept],
  // Closures are in every patient's windows and out of every facilitator's availability (domain/calendar.ts).
  closures: [patientWindowAllows, facilitatorFree, roomFree, patientCanAttend, facilitatorCanTake],
};
