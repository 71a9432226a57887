// Staff and rooms as decisions: a lead or a room that is taken can still be had when the group holding it can be
// handed to someone else. These are the augmenting paths of the facilitator and room assignments, kept short.
import { facilitatorFree, facilitatorQualified, roomFree } from "./constraints.js";
import type { Model } from "./model.js";
import type { State } from "./state.js";

/** Give group g to facilitator fac (or room), in this order: earlier hand-overs free what later ones take. */
export interface Handover {
  readonly g: number;
  readonly to: number;
}

const EPS = 1e-9;
/** Hand-overs deep enough for the chains clinics have (a dual-trained lead freed by a single-track one). */
const LEAD_DEPTH = 2;

/** The groups among `groups` that meet at a time overlapping the slot. */
export function overlapping(state: State, groups: readonly number[], slot: number): number[] {
  const S = state.model.slots.length;
  return groups.filter((g) => state.model.conflict[slot * S + state.groups[g].slot] === 1);
}

/**
 * Hand-overs that leave facilitator f free to lead `hours` more in `slot`: every group of theirs that overlaps it
 * goes, and when their weekly hours would still run over, one more group does. Null when no chain of at most
 * `depth` further hand-overs finds takers.
 */
export function clearLead(
  state: State,
  f: number,
  slot: number,
  hours: number,
  depth: number,
  taken: ReadonlySet<number>,
): Handover[] | null {
  const { model } = state;
  if (!model.facilitators[f].available[slot]) return null;
  const blockers = overlapping(state, state.facGroups[f], slot);
  const freed = blockers.reduce((h, g) => h + model.slots[state.groups[g].slot].hours, 0);
  const excess = state.facHours[f] - freed + hours - model.facilitators[f].maxHours;
  const extraOptions =
    excess > EPS
      ? state.facGroups[f]
          .filter((g) => !blockers.includes(g) && model.slots[state.groups[g].slot].hours + EPS >= excess)
          .sort((a, b) => model.slots[state.groups[a].slot].hours - model.slots[state.groups[b].slot].hours || a - b)
          .map((g) => [g])
      : [[]];
  const busy = new Set([...taken, f]);
  for (const extra of extraOptions) {
    const plan: Handover[] = [];
    const used = new Set(busy);
    let ok = true;
    for (const g of [...blockers, ...extra]) {
      const chain = handOver(state, g, depth, used);
      if (!chain) {
        ok = false;
        break;
      }
      plan.push(...chain);
      // Every lead the chain gives a group to has spent those hours: no later hand-over of the plan may count on them.
      for (const step of chain) used.add(step.to);
    }
    if (ok) return plan;
  }
  return null;
}

/** A qualified facilitator outside `used` who can take group g, directly or after their own hand-overs. */
function handOver(state: State, g: number, depth: number, used: ReadonlySet<number>): Handover[] | null {
  const { model } = state;
  const group = state.groups[g];
  const hours = model.slots[group.slot].hours;
  const candidates = model.facilitators
    .map((_, f) => f)
    .filter((f) => !used.has(f) && facilitatorQualified(model, f, group.track, group.topic) && model.facilitators[f].available[group.slot]);
  for (const f of candidates) if (facilitatorFree(state, f, group.slot)) return [{ g, to: f }];
  if (depth <= 0) return null;
  for (const f of candidates) {
    const chain = clearLead(state, f, group.slot, hours, depth - 1, used);
    if (chain) return [...chain, { g, to: f }];
  }
  return null;
}

/** Facilitators who could lead the track in this slot after hand-overs, cheapest chain first. */
export function leadOptions(state: State, slot: number, track: number): { fac: number; handovers: Handover[] }[] {
  const { model } = state;
  const hours = model.slots[slot].hours;
  const out: { fac: number; handovers: Handover[] }[] = [];
  model.facilitators.forEach((fac, f) => {
    if (!fac.leadsTrack[track] || !fac.available[slot] || facilitatorFree(state, f, slot)) return;
    const handovers = clearLead(state, f, slot, hours, LEAD_DEPTH - 1, new Set());
    if (handovers) out.push({ fac: f, handovers });
  });
  return out.sort((a, b) => a.handovers.length - b.handovers.length || a.fac - b.fac);
}

export function applyLeadHandovers(state: State, handovers: readonly Handover[]): void {
  for (const { g, to } of handovers) state.setFac(g, to);
}

/**
 * A room for a group of at least `size` in `slot`: the free room that seats `want` most snugly, else the largest
 * free one; only when none is free, a room emptied by moving its one overlapping group into another free room that
 * still seats that group's members.
 */
export function roomWithMove(state: State, slot: number, size: number, want: number): { room: number; moves: Handover[] } | null {
  const { model } = state;
  const fitting = roomsBySnugness(model, size, want);
  const free = fitting.find((r) => roomFree(state, r, slot, size));
  if (free !== undefined) return { room: free, moves: [] };
  // The rooms free at each blocker's time, found once: a large clinic has a hundred rooms and most are taken.
  const freeAt = new Map<number, number[]>();
  for (const r of fitting) {
    const blockers = overlapping(state, state.roomGroups[r], slot);
    if (blockers.length !== 1) continue;
    const g = blockers[0];
    const { slot: at, members } = state.groups[g];
    if (!freeAt.has(at))
      freeAt.set(
        at,
        model.rooms.flatMap((_, r2) => (roomFree(state, r2, at, 0) ? [r2] : [])),
      );
    const other = freeAt.get(at)!.find((r2) => r2 !== r && model.rooms[r2].capacity >= members.length);
    if (other !== undefined) return { room: r, moves: [{ g, to: other }] };
  }
  return null;
}

const snugness = new WeakMap<Model, Map<number, number[]>>();

/** Rooms that seat `size`, those seating `want` first and the snuggest of them first, then the largest; per model. */
function roomsBySnugness(model: Model, size: number, want: number): readonly number[] {
  const byKey = snugness.get(model) ?? new Map<number, number[]>();
  snugness.set(model, byKey);
  const key = size * 100_003 + want;
  let list = byKey.get(key);
  if (!list) {
    const rank = (r: number) => {
      const c = model.rooms[r].capacity;
      return c >= want ? 1e6 - c : c;
    };
    list = model.rooms.flatMap((room, r) => (room.capacity >= size ? [r] : [])).sort((a, b) => rank(b) - rank(a) || a - b);
    byKey.set(key, list);
  }
  return list;
}

/**
 * A larger room for a full group whose room caps it below its track's maximum: a free one, or the room of an
 * overlapping group that fits in this group's room (the two swap). False when none.
 */
export function enlargeRoom(state: State, g: number): boolean {
  const { model } = state;
  const group = state.groups[g];
  const current = model.rooms[group.room].capacity;
  if (current >= model.tracks[group.track].max) return false;
  let swapWith = -1;
  let target = -1;
  model.rooms.forEach((room, r) => {
    if (room.capacity <= current || (target >= 0 && room.capacity >= model.rooms[target].capacity)) return;
    if (roomFree(state, r, group.slot, 0, g)) {
      target = r;
      swapWith = -1;
      return;
    }
    const blockers = overlapping(state, state.roomGroups[r], group.slot);
    if (blockers.length !== 1) return;
    const other = state.groups[blockers[0]];
    if (other.members.length > current || !roomFree(state, group.room, other.slot, 0, g)) return;
    target = r;
    swapWith = blockers[0];
  });
  if (target < 0) return false;
  const mine = group.room;
  if (swapWith >= 0) state.setRoom(swapWith, mine);
  state.setRoom(g, target);
  return true;
}
