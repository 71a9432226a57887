// Neighbourhood moves of the local search. Each applies a change the hard rules allow and returns false
// when it found nothing to do; the caller scores the result and keeps or rolls it back.
import {
  canJoin,
  facilitatorFree,
  groupHasRoom,
  groupTakes,
  facilitatorQualified,
  patientFreeAt,
  levelAllowsAnother,
  slotTakes,
  topicAllowed,
} from "./constraints.js";
import { openGroup } from "./open-group.js";
import type { Random } from "./random.js";
import { enlargeRoom, overlapping } from "./staffing.js";
import type { State } from "./state.js";
import { extraHours, unmetHours } from "./terms.js";

export type Move = (state: State, rng: Random, short: readonly number[]) => boolean;

function joinable(state: State, rng: Random, p: number, slot: number, except = -1): number {
  const groups = state.groupsOf(slot, state.model.patients[p].track);
  if (groups.length === 0) return -1;
  const start = rng.int(groups.length);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[(start + i) % groups.length];
    // The slot's rules hold for every group of it or for none: asked once, at the first group that would take p.
    if (g !== except && groupTakes(state, p, g)) return slotTakes(state, p, slot) ? g : -1;
  }
  return -1;
}

function freeSlot(state: State, rng: Random, p: number): number {
  const list = state.model.patients[p].feasibleList;
  if (list.length === 0) return -1;
  const s = rng.pick(list);
  return patientFreeAt(state, p, s) && levelAllowsAnother(state, p, s) ? s : -1;
}

/** Seat a patient who is short of hours in a group of a slot they can reach; if it is full, move a member out first. */
export const insertShort: Move = (state, rng, short) => {
  if (short.length === 0) return false;
  const p = rng.pick(short);
  const s = freeSlot(state, rng, p);
  if (s < 0) return false;
  const g = joinable(state, rng, p, s);
  if (g >= 0) {
    state.add(g, p);
    return true;
  }
  const full = state.groupsOf(s, state.model.patients[p].track);
  if (full.length === 0) return false;
  const target = rng.pick(full);
  // A group held to a small room grows when a larger one is free or can be swapped for.
  if (!groupHasRoom(state, target) && enlargeRoom(state, target) && canJoin(state, p, target)) {
    state.add(target, p);
    return true;
  }
  const members = state.groups[target].members;
  const q = members[rng.int(members.length)];
  state.remove(target, q);
  if (!canJoin(state, p, target)) return true;
  state.add(target, p);
  const s2 = freeSlot(state, rng, q);
  if (s2 >= 0) {
    const g2 = joinable(state, rng, q, s2, target);
    if (g2 >= 0) state.add(g2, q);
  }
  return true;
};

/** Move a patient from one of their groups to another group, in the same or another slot. */
export const relocate: Move = (state, rng) => {
  const p = rng.int(state.model.patients.length);
  const groups = state.pGroups[p];
  if (groups.length === 0) return false;
  const from = rng.pick(groups);
  state.remove(from, p);
  const s = freeSlot(state, rng, p);
  const to = s >= 0 ? joinable(state, rng, p, s, from) : -1;
  if (to < 0) return false;
  state.add(to, p);
  return true;
};

/** Two different groups of one track, at random; null when the draw does not give such a pair. */
function twoGroupsOfATrack(state: State, rng: Random): [number, number] | null {
  const alive = state.aliveGroupsCached();
  if (alive.length < 2) return null;
  const g1 = rng.pick(alive);
  const g2 = rng.pick(alive);
  return g1 !== g2 && state.groups[g1].track === state.groups[g2].track ? [g1, g2] : null;
}

/** Swap two patients of one track between their groups. */
export const swap: Move = (state, rng) => {
  const pair = twoGroupsOfATrack(state, rng);
  if (!pair) return false;
  const [g1, g2] = pair;
  const a = state.groups[g1];
  const b = state.groups[g2];
  if (a.members.length === 0 || b.members.length === 0) return false;
  const p1 = a.members[rng.int(a.members.length)];
  const p2 = b.members[rng.int(b.members.length)];
  if (state.pGroups[p1].includes(g2) || state.pGroups[p2].includes(g1)) return false;
  state.remove(g1, p1);
  state.remove(g2, p2);
  if (!canJoin(state, p1, g2) || !canJoin(state, p2, g1)) return false;
  state.add(g2, p1);
  state.add(g1, p2);
  return true;
};

/** Give a group another topic of its track's curriculum. */
export const retopic: Move = (state, rng) => {
  const alive = state.aliveGroupsCached();
  if (alive.length === 0) return false;
  const g = rng.pick(alive);
  const topics = state.model.tracks[state.groups[g].track].topics;
  const k = rng.pick(topics);
  if (k === state.groups[g].topic || !topicAllowed(state, g, k)) return false;
  state.setTopic(g, k);
  return true;
};

/** Open a group of p's track in slot s and fill it with whoever it helps most; false when none can open. */
function openAndFill(state: State, rng: Random, p: number, s: number): boolean {
  const { model } = state;
  const track = model.patients[p].track;
  const g = openGroup(state, s, track, [p]);
  if (g < 0) return false;
  const needy: number[] = [];
  const others: number[] = [];
  for (const q of model.reachers[s * model.tracks.length + track])
    (unmetHours(model.patients[q], state.pHours[q]) > 0 ? needy : others).push(q);
  rng.shuffle(needy);
  rng.shuffle(others);
  const cap = state.capacity(g);
  const min = model.tracks[track].min;
  for (const q of needy) if (state.groups[g].members.length < cap && canJoin(state, q, g)) state.add(g, q);
  for (const q of others) {
    if (state.groups[g].members.length >= min) break;
    const spare = state.pGroups[q].find(
      (x) => state.groups[x].slot === s || state.model.conflict[s * model.slots.length + state.groups[x].slot],
    );
    if (spare !== undefined) {
      if (state.groups[spare].members.length <= model.tracks[state.groups[spare].track].min) continue;
      state.remove(spare, q);
    }
    if (canJoin(state, q, g)) state.add(g, q);
  }
  return state.groups[g].members.length > 0;
}

/** The patient's hours on a day of the week. */
function hoursOn(state: State, p: number, day: number): number {
  let h = 0;
  for (const g of state.pGroups[p])
    if (state.model.slots[state.groups[g].slot].day === day) h += state.model.slots[state.groups[g].slot].hours;
  return h;
}

/** The days of the week a patient has a group on, as bits. */
function daysOf(state: State, p: number): number {
  let days = 0;
  for (const g of state.pGroups[p]) days |= 1 << state.model.slots[state.groups[g].slot].day;
  return days;
}

function countBits(bits: number): number {
  let n = 0;
  for (; bits; bits &= bits - 1) n++;
  return n;
}

/**
 * Open a whole day for patients a billable day short: on a day one of them does not come, a group of their track in
 * each group time of that day they can reach (joined where one meets, opened where none has room), filled with the
 * patients of the track who lack that day. One group of a day rarely reaches the level's hours for the day, so a
 * move of one group at a time would never make the day billable, and the search would never take it.
 */
export const openDay: Move = (state, rng, short) => {
  const { model } = state;
  const dayShort = short.filter((p) => model.patients[p].minDays > 0 && countBits(daysOf(state, p)) < model.patients[p].minDays);
  if (dayShort.length === 0) return false;
  const p = rng.pick(dayShort);
  const { track, feasibleList } = model.patients[p];
  const has = daysOf(state, p);
  const days = [...new Set(feasibleList.map((s) => model.slots[s].day))].filter((d) => !(has & (1 << d)));
  if (days.length === 0) return false;
  const day = rng.pick(days);
  const today = feasibleList.filter((s) => model.slots[s].day === day);
  // Patients of the track who can come at one of p's times that day (a clinic of thousands has few) and lack the day.
  const others = new Set<number>();
  for (const s of today) for (const q of model.reachers[s * model.tracks.length + track]) if (q !== p) others.add(q);
  // In patient order, whichever times listed them first.
  const lacking = [...others].filter((q) => hoursOn(state, q, day) === 0).sort((a, b) => a - b);
  const cohort = [p, ...rng.shuffle(lacking)];
  let seated = false;
  for (const s of today) {
    for (const q of cohort) {
      if (!model.patients[q].feasible[s] || !patientFreeAt(state, q, s) || !levelAllowsAnother(state, q, s)) continue;
      const g = groupFor(state, rng, q, s);
      // Every group there is full and none can open: the rest of the cohort would ask the same in vain.
      if (g < 0) break;
      state.add(g, q);
      seated = true;
    }
    topUp(state, s, track);
  }
  return seated;
};

/**
 * Groups of the track in the slot below their minimum take members from its fuller groups there: the members keep
 * their hours and days, and the group the day needed can meet.
 */
function topUp(state: State, slot: number, track: number): void {
  const min = state.model.tracks[track].min;
  const groups = state.groupsOf(slot, track);
  for (const g of groups) {
    for (const from of groups) {
      if (from === g) continue;
      for (const q of [...state.groups[from].members]) {
        if (state.groups[g].members.length >= min || state.groups[from].members.length <= min) break;
        state.remove(from, q);
        if (canJoin(state, q, g)) state.add(g, q);
        else state.add(from, q);
      }
    }
  }
}

/**
 * A group of q's track at s that q can join, opened when none has room; when no room or lead is left for it, after
 * another group of that time merges into its track's others, or a lead's hours are won back by merging one of theirs
 * elsewhere. -1 when none can be had.
 */
function groupFor(state: State, rng: Random, q: number, s: number): number {
  const track = state.model.patients[q].track;
  let g = joinable(state, rng, q, s);
  if (g < 0) g = openGroup(state, s, track, [q]);
  if (g < 0 && (mergeOne(state, rng, s) || freeLeadHours(state, rng, s, track))) g = openGroup(state, s, track, [q]);
  return g >= 0 && canJoin(state, q, g) ? g : -1;
}

/** Close group g when its members all fit in the other groups of its track at its time; false when they do not. */
function merge(state: State, g: number): boolean {
  const { slot, track, members } = state.groups[g];
  const others = state.groupsOf(slot, track).filter((x) => x !== g);
  const room = others.reduce((n, x) => n + state.capacity(x) - state.groups[x].members.length, 0);
  if (others.length === 0 || room < members.length) return false;
  for (const q of [...members]) {
    state.remove(g, q);
    const to = others.find((x) => canJoin(state, q, x));
    if (to !== undefined) state.add(to, q);
  }
  if (state.groups[g].members.length === 0) state.close(g);
  return true;
}

/** Merge away one group of the slot (any track); false when none can be. */
function mergeOne(state: State, rng: Random, slot: number): boolean {
  return rng.shuffle([...state.slotGroups[slot]]).some((g) => merge(state, g));
}

/**
 * A lead of the track, free at this time but for their weekly hours, wins them back: one of their groups at another
 * time merges into its track's others there. A PHP week leaves no lead spare hours, and a day can only open when a
 * half-empty group somewhere else gives its hours up.
 */
function freeLeadHours(state: State, rng: Random, slot: number, track: number): boolean {
  const { model } = state;
  const hours = model.slots[slot].hours;
  const within = (f: number, h: number) => h <= model.facilitators[f].maxHours + 1e-9;
  for (const f of rng.shuffle(model.facilitators.map((_, i) => i))) {
    const fac = model.facilitators[f];
    if (!fac.leadsTrack[track] || !fac.available[slot] || within(f, state.facHours[f] + hours)) continue;
    if (overlapping(state, state.facGroups[f], slot).length > 0) continue;
    for (const g of rng.shuffle([...state.facGroups[f]]))
      if (within(f, state.facHours[f] - model.slots[state.groups[g].slot].hours + hours) && merge(state, g)) return true;
  }
  return false;
}

/** Open a new group where a short patient can come, and fill it with whoever it helps most. */
export const openNew: Move = (state, rng, short) => {
  const p = short.length > 0 && rng.next() < 0.8 ? rng.pick(short) : rng.int(state.model.patients.length);
  const s = freeSlot(state, rng, p);
  return s >= 0 && openAndFill(state, rng, p, s);
};

/**
 * Complete a day for a patient a billable day short who comes that day but too little for it to count: a time of
 * that day they can reach, joined, or taken in a full group from a member whose own day there does not count
 * either (they lose no billable day; they are seated elsewhere for the hours where they can be).
 */
export const completeDay: Move = (state, rng, short) => {
  const { model } = state;
  const partial = (q: number, day: number) => {
    const h = hoursOn(state, q, day);
    return h > 0 && h + 1e-9 < model.patients[q].minHoursPerDay;
  };
  const candidates = short.filter((q) => model.patients[q].minDays > 0);
  if (candidates.length === 0) return false;
  const p = rng.pick(candidates);
  const days = [...new Set(state.pGroups[p].map((g) => model.slots[state.groups[g].slot].day))].filter((d) => partial(p, d));
  if (days.length === 0) return false;
  const day = rng.pick(days);
  const slots = model.patients[p].feasibleList.filter(
    (s) => model.slots[s].day === day && patientFreeAt(state, p, s) && levelAllowsAnother(state, p, s),
  );
  if (slots.length === 0) return false;
  const s = rng.pick(slots);
  const g = joinable(state, rng, p, s);
  if (g >= 0) {
    state.add(g, p);
    return true;
  }
  for (const target of rng.shuffle([...state.groupsOf(s, model.patients[p].track)])) {
    const q = state.groups[target].members.find((m) => model.patients[m].minDays > 0 && partial(m, day));
    if (q === undefined) continue;
    state.remove(target, q);
    if (!canJoin(state, p, target)) {
      state.add(target, q);
      continue;
    }
    state.add(target, p);
    const s2 = freeSlot(state, rng, q);
    const g2 = s2 >= 0 ? joinable(state, rng, q, s2, target) : -1;
    if (g2 >= 0) state.add(g2, q);
    return true;
  }
  // No seat to take: a new group at that time, for every patient of the track whose day there falls short.
  const opened = groupFor(state, rng, p, s);
  if (opened < 0) return false;
  state.add(opened, p);
  for (const q of model.reachers[s * model.tracks.length + model.patients[p].track])
    if (q !== p && partial(q, day) && canJoin(state, q, opened)) state.add(opened, q);
  return true;
};

/** Close a group and seat its members in other groups where they fit; returns the members. */
function dissolve(state: State, rng: Random, g: number): number[] {
  const members = rng.shuffle([...state.groups[g].members]);
  for (const p of members) state.remove(g, p);
  state.close(g);
  for (const p of members) {
    for (const s of rng.shuffle([...state.model.patients[p].feasibleList])) {
      if (unmetHours(state.model.patients[p], state.pHours[p]) <= 0) break;
      if (!patientFreeAt(state, p, s)) continue;
      const to = joinable(state, rng, p, s);
      if (to >= 0) state.add(to, p);
    }
  }
  return members;
}

/** Close a group and seat its members in other groups where they fit. */
export const closeGroup: Move = (state, rng) => {
  const alive = state.aliveGroupsCached();
  if (alive.length === 0) return false;
  dissolve(state, rng, rng.pick(alive));
  return true;
};

/**
 * Spend a group's lead hours and room elsewhere: close a group and open one of its track in another slot for a
 * patient left short, so scarce staff hours go to fuller groups.
 */
export const moveGroup: Move = (state, rng, short) => {
  const alive = state.aliveGroupsCached();
  if (alive.length === 0) return false;
  const g = rng.pick(alive);
  const { slot, track } = state.groups[g];
  const members = dissolve(state, rng, g);
  const { patients } = state.model;
  // The search's short list is a few hundred iterations old: the members just unseated are added to it.
  const left = [...short.filter((p) => !members.includes(p)), ...members].filter(
    (p) => patients[p].track === track && unmetHours(patients[p], state.pHours[p]) > 0,
  );
  if (left.length === 0) return true;
  const p = rng.pick(left);
  const s = freeSlot(state, rng, p);
  if (s < 0 || s === slot) return true;
  openAndFill(state, rng, p, s);
  return true;
};

/** Hand a group to another qualified, free facilitator. */
export const refacilitate: Move = (state, rng) => {
  const alive = state.aliveGroupsCached();
  if (alive.length === 0) return false;
  const g = rng.pick(alive);
  const group = state.groups[g];
  const f = rng.int(state.model.facilitators.length);
  if (f === group.fac || !facilitatorQualified(state.model, f, group.track, group.topic) || !facilitatorFree(state, f, group.slot, g))
    return false;
  state.setFac(g, f);
  return true;
};

/** Two groups that meet at overlapping times trade facilitators, so cohorts keep one lead through the week. */
export const swapFacilitators: Move = (state, rng) => {
  const alive = state.aliveGroupsCached();
  if (alive.length < 2) return false;
  const g1 = rng.pick(alive);
  const a = state.groups[g1];
  const near = state.slotGroups[a.slot];
  const g2 = near[rng.int(near.length)];
  const b = state.groups[g2];
  if (g1 === g2 || a.fac === b.fac) return false;
  const { model } = state;
  if (!facilitatorQualified(model, b.fac, a.track, a.topic) || !facilitatorQualified(model, a.fac, b.track, b.topic)) return false;
  const fa = a.fac;
  const fb = b.fac;
  state.setFac(g1, fb);
  state.setFac(g2, fa);
  return true;
};

/** Two groups of a track trade topics, where each topic suits the other group's day, slot, lead and members. */
export const swapTopics: Move = (state, rng) => {
  const pair = twoGroupsOfATrack(state, rng);
  if (!pair) return false;
  const [g1, g2] = pair;
  const ta = state.groups[g1].topic;
  const tb = state.groups[g2].topic;
  if (ta === tb) return false;
  if (!topicAllowed(state, g1, tb) || !topicAllowed(state, g2, ta)) return false;
  state.setTopic(g1, tb);
  state.setTopic(g2, ta);
  return true;
};

/** Take a patient with more than their required hours out of a group that stays above its minimum. */
export const dropExtra: Move = (state, rng) => {
  const p = rng.int(state.model.patients.length);
  if (extraHours(state.model.patients[p], state.pHours[p]) <= 0 || state.pGroups[p].length === 0) return false;
  const g = rng.pick(state.pGroups[p]);
  state.remove(g, p);
  return true;
};

/** Each move with its share of the iterations. */
/**
 * Each move, its share of the draws, and the tier it is drawn for: a move for the medium tier (more hours or billable
 * days) or the served one (fewer patients short) is no longer drawn once that tier is proven at its bound.
 */
export const MOVES: readonly (readonly [Move, number, "medium" | "served" | "any"])[] = [
  [insertShort, 0.24, "served"],
  [relocate, 0.2, "any"],
  [swap, 0.14, "any"],
  [retopic, 0.08, "any"],
  [openNew, 0.07, "medium"],
  [openDay, 0.03, "medium"],
  [completeDay, 0.03, "medium"],
  [closeGroup, 0.04, "any"],
  [moveGroup, 0.04, "any"],
  [refacilitate, 0.06, "any"],
  [swapFacilitators, 0.06, "any"],
  [swapTopics, 0.06, "any"],
  [dropExtra, 0.06, "any"],
];
