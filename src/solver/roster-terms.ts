// The roster-wide objective terms, one unit each (weights in domain/objective.ts). A unit owns its value and keeps
// it current from the changes the state reports to it, so a change costs what it touches; `fromScratch` computes
// the same value from the roster alone, for reports and for the property test that holds the two equal.
import type { TermId } from "../domain/index.js";
import type { Model } from "./model.js";
import type { PatientTermValues } from "./terms.js";

export type RosterTermId = Exclude<TermId, keyof PatientTermValues>;

/** The roster-wide terms; listing one twice or leaving one out fails to compile. */
export const ROSTER_TERM_IDS = Object.keys({
  "groups-opened": 1,
  "group-balance": 1,
  "parallel-topic": 1,
  "topic-uncovered": 1,
  "core-cycle": 1,
  "facilitator-balance": 1,
} satisfies Record<RosterTermId, 1>) as RosterTermId[];

/** What the roster-wide terms read of the roster under construction. */
export interface RosterView {
  readonly model: Model;
  readonly groups: readonly {
    readonly slot: number;
    readonly track: number;
    readonly topic: number;
    readonly members: readonly number[];
  }[];
  readonly facHours: Float64Array;
  /** Alive groups per (track, topic), at track * K + topic. */
  readonly topicCount: Int32Array;
  groupsOf(slot: number, track: number): readonly number[];
  aliveGroups(): number[];
}

interface RosterTerm {
  readonly value: number;
  fromScratch(view: RosterView): number;
}

/** Groups that meet this week: each costs a lead's hours and a room. */
class GroupsOpened implements RosterTerm {
  value = 0;
  opened(delta: 1 | -1): void {
    this.value += delta;
  }
  fromScratch(view: RosterView): number {
    return view.aliveGroups().length;
  }
}

/** A value per (slot, track), kept with the sum of them all: what the two per-slot terms below share. */
abstract class PerSlotTrack implements RosterTerm {
  value = 0;
  private readonly at: Float64Array;
  constructor(
    private readonly tracks: number,
    slots: number,
  ) {
    this.at = new Float64Array(slots * tracks);
  }
  protected abstract compute(view: RosterView, slot: number, track: number): number;
  /** The groups of (slot, track) changed: their value is computed again. */
  refresh(view: RosterView, slot: number, track: number): void {
    const i = slot * this.tracks + track;
    const v = this.compute(view, slot, track);
    this.value += v - this.at[i];
    this.at[i] = v;
  }
  fromScratch(view: RosterView): number {
    let sum = 0;
    for (let s = 0; s < view.model.slots.length; s++) for (let t = 0; t < this.tracks; t++) sum += this.compute(view, s, t);
    return sum;
  }
}

/** Members between the largest and the smallest group of a track meeting at the same time. */
class GroupBalance extends PerSlotTrack {
  protected compute(view: RosterView, slot: number, track: number): number {
    const groups = view.groupsOf(slot, track);
    if (groups.length < 2) return 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const g of groups) {
      lo = Math.min(lo, view.groups[g].members.length);
      hi = Math.max(hi, view.groups[g].members.length);
    }
    return hi - lo;
  }
}

/** Groups of a track at the same time beyond the number of distinct topics they hold. */
class ParallelTopic extends PerSlotTrack {
  protected compute(view: RosterView, slot: number, track: number): number {
    const groups = view.groupsOf(slot, track);
    let repeated = 0;
    for (let i = 1; i < groups.length; i++) {
      const topic = view.groups[groups[i]].topic;
      for (let j = 0; j < i; j++) {
        if (view.groups[groups[j]].topic !== topic) continue;
        repeated++;
        break;
      }
    }
    return repeated;
  }
}

/** Topics of the curriculum of a track with patients this week that no group holds. */
class TopicUncovered implements RosterTerm {
  value = 0;
  constructor(
    private readonly model: Model,
    private readonly active: Uint8Array,
  ) {
    model.tracks.forEach((t, ti) => (this.value += active[ti] ? t.topics.length : 0));
  }
  /** The groups holding (track, topic) went from `before` to `before + delta`. */
  counted(track: number, topic: number, before: number, delta: number): void {
    if (!this.active[track] || !this.model.tracks[track].topics.includes(topic)) return;
    if (before === 0 && delta > 0) this.value--;
    if (before + delta === 0 && delta < 0) this.value++;
  }
  fromScratch(view: RosterView): number {
    let n = 0;
    this.model.tracks.forEach((t, ti) => {
      if (!this.active[ti]) return;
      for (const k of t.topics) if (view.topicCount[ti * this.model.topics.length + k] === 0) n++;
    });
    return n;
  }
}

/** Core topics due this week (the rolling cycle) that no group holds at a time open to their level. */
class CoreCycle implements RosterTerm {
  value: number;
  private readonly held: Int32Array;
  constructor(private readonly model: Model) {
    this.held = new Int32Array(model.due.length);
    this.value = model.due.length;
  }
  /** A group of (track, topic) at `slot` opened (+1) or stopped holding the topic (−1). */
  counted(slot: number, track: number, topic: number, delta: number): void {
    for (const d of this.model.dueAt.get(track * this.model.topics.length + topic) ?? []) {
      if (!this.model.due[d].slotsOpen[slot]) continue;
      const had = this.held[d];
      this.held[d] += delta;
      if (had === 0 && delta > 0) this.value--;
      if (had + delta === 0 && delta < 0) this.value++;
    }
  }
  fromScratch(view: RosterView): number {
    const alive = view.aliveGroups().map((g) => view.groups[g]);
    return this.model.due.filter((d) => !alive.some((g) => g.track === d.track && g.topic === d.topic && d.slotsOpen[g.slot])).length;
  }
}

/** Lead hours above the staff's mean, summed over the leads. */
class FacilitatorBalance implements RosterTerm {
  value = 0;
  private mean = 0;
  /** A group opened or closed: the staff's total, so their mean, moved, and every lead's excess with it. */
  refresh(view: RosterView): void {
    this.mean = meanOf(view.facHours);
    this.value = 0;
    for (const h of view.facHours) this.value += this.over(h);
  }
  /** `hours` moved from lead `from` to lead `to`: the mean stays, only their two excesses change. */
  moved(view: RosterView, from: number, to: number, hours: number): void {
    const now = this.over(view.facHours[from]) + this.over(view.facHours[to]);
    this.value += now - this.over(view.facHours[from] + hours) - this.over(view.facHours[to] - hours);
  }
  private over(hours: number): number {
    return Math.max(0, hours - this.mean);
  }
  fromScratch(view: RosterView): number {
    const mean = meanOf(view.facHours);
    let over = 0;
    for (const h of view.facHours) over += Math.max(0, h - mean);
    return over;
  }
}

function meanOf(hours: Float64Array): number {
  let total = 0;
  for (const h of hours) total += h;
  return hours.length === 0 ? 0 : total / hours.length;
}

/** One unit per roster-wide term; keyed by id, so a term listed in the objective cannot be left without one. */
export function rosterTermUnits(model: Model, activeTracks: Uint8Array) {
  const T = model.tracks.length;
  const S = model.slots.length;
  return {
    "groups-opened": new GroupsOpened(),
    "group-balance": new GroupBalance(T, S),
    "parallel-topic": new ParallelTopic(T, S),
    "topic-uncovered": new TopicUncovered(model, activeTracks),
    "core-cycle": new CoreCycle(model),
    "facilitator-balance": new FacilitatorBalance(),
  } satisfies Record<RosterTermId, RosterTerm>;
}

export type RosterTermUnits = ReturnType<typeof rosterTermUnits>;
