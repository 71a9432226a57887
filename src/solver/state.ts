// The roster under construction: groups and their members, and an undo log so a rejected move costs what it changed,
// not a rebuild. The score is kept by units the state reports its changes to: the patients' terms, re-scored only
// when a week changed (patient-costs.ts), and each roster-wide term (roster-terms.ts).
import type { TermId, Weights } from "../domain/index.js";
import type { GroupPinM, Model } from "./model.js";
import { PatientCosts } from "./patient-costs.js";
import { ROSTER_TERM_IDS, type RosterTermId, type RosterTermUnits, rosterTermUnits } from "./roster-terms.js";
import { PATIENT_TERM_IDS, patientTerms } from "./terms.js";

export interface Group {
  slot: number;
  track: number;
  topic: number;
  fac: number;
  room: number;
  members: number[];
  alive: boolean;
}

/**
 * A roster's score by tier (domain/objective.ts): hard counts members missing below group minimums, which the
 * search may break in passing but never keeps; the others are weighted sums of their tier's terms.
 */
export interface Score {
  readonly hard: number;
  readonly medium: number;
  readonly served: number;
  readonly soft: number;
}

const TIER_EPS = 1e-7;
/** A broken pin weighs more than any group's missing members: the search never trades a pin for a minimum. */
const PIN_WEIGHT = 1000;

const ALL_TIERS = ["hard", "medium", "served", "soft"] as const;
/** The tiers the search never trades: it only descends on them. */
export const UPPER_TIERS = ["hard", "medium", "served"] as const;

/** Negative when a is better than b: the first tier that differs decides (among `tiers`, all by default). */
export function compareScores(a: Score, b: Score, tiers: readonly (keyof Score)[] = ALL_TIERS): number {
  for (const key of tiers) {
    const d = a[key] - b[key];
    if (Math.abs(d) > TIER_EPS * Math.max(1, Math.abs(a[key]))) return d;
  }
  return 0;
}

/**
 * The undo log is a stack of numbers, not of objects: a move logs a handful of changes and most moves are undone,
 * millions of times a solve. Each change pushes its arguments, then its code; undoing pops the code, then them.
 */
const enum Op {
  Add,
  Remove,
  Topic,
  Fac,
  Room,
  Open,
  Close,
}

export class State {
  readonly groups: Group[] = [];
  private readonly recycled: number[] = [];
  readonly pGroups: number[][];
  readonly pHours: Float64Array;
  readonly slotGroups: number[][];
  /** The groups of each (slot, track), at slot * T + track: most questions of the search are about one track. */
  private readonly stGroups: number[][];
  readonly facGroups: number[][];
  readonly facHours: Float64Array;
  readonly roomGroups: number[][];
  readonly topicCount: Int32Array;
  /** The patients' terms, each patient's per tier. */
  private readonly costs: PatientCosts;
  /** The roster-wide terms, each a unit that keeps its own value from the changes below. */
  private readonly terms: RosterTermUnits;
  private underMin = 0;
  /** Group pins not held per (slot, track), and in all; with the patients' pins they count in the hard tier. */
  private readonly groupPinsBrokenST: Int32Array;
  private groupPinsBroken = 0;
  private readonly pinsAt = new Map<number, GroupPinM[]>();
  private readonly activeTrack: Uint8Array;
  private readonly log: number[] = [];
  private logging = false;
  constructor(
    readonly model: Model,
    readonly weights: Weights,
  ) {
    this.costs = new PatientCosts(model, weights);
    const P = model.patients.length;
    const S = model.slots.length;
    const T = model.tracks.length;
    this.pGroups = Array.from({ length: P }, () => []);
    this.pHours = new Float64Array(P);
    this.slotGroups = Array.from({ length: S }, () => []);
    this.stGroups = Array.from({ length: S * T }, () => []);
    this.facGroups = model.facilitators.map(() => []);
    this.facHours = new Float64Array(model.facilitators.length);
    this.roomGroups = model.rooms.map(() => []);
    this.topicCount = new Int32Array(T * model.topics.length);
    this.activeTrack = new Uint8Array(T);
    for (const p of model.patients) this.activeTrack[p.track] = 1;
    this.terms = rosterTermUnits(model, this.activeTrack);
    this.groupPinsBrokenST = new Int32Array(S * T);
    for (const pin of model.groupPins) {
      const i = pin.slot * T + pin.track;
      this.pinsAt.set(i, [...(this.pinsAt.get(i) ?? []), pin]);
    }
    for (const i of this.pinsAt.keys()) this.refreshGroupPins(Math.floor(i / T), i % T);
    for (let p = 0; p < P; p++) this.costs.refresh(this, p);
  }

  // ---- score -------------------------------------------------------------------------------------

  /** Every roster-wide term, computed from scratch. */
  private rosterTerms(): Record<RosterTermId, number> {
    return Object.fromEntries(ROSTER_TERM_IDS.map((id) => [id, this.terms[id].fromScratch(this)])) as Record<RosterTermId, number>;
  }

  /** The score by tier, from the incrementally kept sums. */
  score(): Score {
    const { sum } = this.flush();
    let soft = sum[2];
    for (const id of ROSTER_TERM_IDS) soft += this.weights[id] * this.terms[id].value;
    return { hard: this.hardViolations(), medium: sum[0], served: sum[1], soft };
  }

  /** The weighted sum of every term (all tiers), as reported and bounded. */
  objective(): number {
    const s = this.score();
    return s.medium + s.served + s.soft;
  }

  hardViolations(): number {
    return this.underMin + PIN_WEIGHT * this.brokenPins();
  }

  /** Pins the roster does not hold now. */
  brokenPins(): number {
    return this.flush().pinsBroken + this.groupPinsBroken;
  }

  /** Value of every term, recomputed from scratch (for reports and for checking the incremental sums). */
  breakdown(): Record<TermId, number> {
    const out = { ...this.rosterTerms() } as Record<TermId, number>;
    for (const id of PATIENT_TERM_IDS) out[id] = 0;
    for (let p = 0; p < this.model.patients.length; p++) {
      const v = patientTerms(this.model, this, p);
      for (const id of PATIENT_TERM_IDS) out[id] += v[id];
    }
    return out;
  }

  private aliveCache: number[] | null = null;

  /** The same list as aliveGroups(), kept until a group opens or closes. */
  aliveGroupsCached(): readonly number[] {
    this.aliveCache ??= this.aliveGroups();
    return this.aliveCache;
  }

  aliveGroups(): number[] {
    const out: number[] = [];
    this.groups.forEach((g, i) => g.alive && out.push(i));
    return out;
  }

  /** The alive groups of a track in a slot. */
  groupsOf(slot: number, track: number): readonly number[] {
    return this.stGroups[slot * this.model.tracks.length + track];
  }

  capacity(g: number): number {
    const group = this.groups[g];
    return Math.min(this.model.tracks[group.track].max, this.model.rooms[group.room].capacity);
  }

  // ---- undo log ----------------------------------------------------------------------------------

  /** Patients short of hours or billable days: their medium-tier cost is above zero. */
  patientsShort(): number[] {
    const costs = this.flush();
    const out: number[] = [];
    for (let p = 0; p < this.model.patients.length; p++) if (costs.medium(p) > 0) out.push(p);
    return out;
  }

  begin(): void {
    this.flush().forgetSaved();
    this.log.length = 0;
    this.logging = true;
  }

  commit(): void {
    this.costs.forgetSaved();
    this.log.length = 0;
    this.logging = false;
  }

  rollback(): void {
    this.logging = false;
    const log = this.log;
    while (log.length > 0) {
      const op = log.pop() as Op;
      switch (op) {
        case Op.Add: {
          const p = log.pop()!;
          this.remove(log.pop()!, p);
          break;
        }
        case Op.Remove: {
          const p = log.pop()!;
          this.add(log.pop()!, p);
          break;
        }
        case Op.Topic: {
          const from = log.pop()!;
          this.setTopic(log.pop()!, from);
          break;
        }
        case Op.Fac: {
          const from = log.pop()!;
          this.setFac(log.pop()!, from);
          break;
        }
        case Op.Room: {
          const from = log.pop()!;
          this.setRoom(log.pop()!, from);
          break;
        }
        case Op.Open:
          this.close(log.pop()!);
          break;
        case Op.Close: {
          const room = log.pop()!;
          const fac = log.pop()!;
          const topic = log.pop()!;
          const track = log.pop()!;
          const slot = log.pop()!;
          this.open(slot, track, topic, fac, room, log.pop()!);
          break;
        }
      }
    }
    this.costs.rollback();
  }

  /** Mark a patient's costs stale; inside a move, keep what they were first. */
  private touch(p: number): void {
    this.costs.touch(p, this.logging);
  }

  private flush(): PatientCosts {
    this.costs.flush(this);
    return this.costs;
  }

  // ---- primitive changes -------------------------------------------------------------------------

  open(slot: number, track: number, topic: number, fac: number, room: number, index?: number): number {
    const g = index ?? this.recycled.pop() ?? this.groups.length;
    if (index !== undefined) {
      const at = this.recycled.indexOf(index);
      if (at >= 0) this.recycled.splice(at, 1);
    }
    const group: Group = { slot, track, topic, fac, room, members: [], alive: true };
    this.aliveCache = null;
    this.groups[g] = group;
    this.slotGroups[slot].push(g);
    this.stGroups[slot * this.model.tracks.length + track].push(g);
    this.facGroups[fac].push(g);
    this.roomGroups[room].push(g);
    this.facHours[fac] += this.model.slots[slot].hours;
    this.underMin += this.model.tracks[track].min;
    this.terms["groups-opened"].opened(+1);
    this.bumpTopic(slot, track, topic, +1);
    this.refreshSlotTrack(slot, track);
    this.refreshGroupPins(slot, track);
    this.terms["facilitator-balance"].refresh(this);
    if (this.logging) this.log.push(g, Op.Open);
    return g;
  }

  close(g: number): void {
    const group = this.groups[g];
    if (group.members.length > 0) throw new Error("close: group still has members");
    group.alive = false;
    this.aliveCache = null;
    removeItem(this.slotGroups[group.slot], g);
    removeItem(this.stGroups[group.slot * this.model.tracks.length + group.track], g);
    removeItem(this.facGroups[group.fac], g);
    removeItem(this.roomGroups[group.room], g);
    this.facHours[group.fac] -= this.model.slots[group.slot].hours;
    this.underMin -= this.model.tracks[group.track].min;
    this.terms["groups-opened"].opened(-1);
    this.bumpTopic(group.slot, group.track, group.topic, -1);
    this.refreshSlotTrack(group.slot, group.track);
    this.refreshGroupPins(group.slot, group.track);
    this.terms["facilitator-balance"].refresh(this);
    this.recycled.push(g);
    if (this.logging) this.log.push(g, group.slot, group.track, group.topic, group.fac, group.room, Op.Close);
  }

  add(g: number, p: number): void {
    const group = this.groups[g];
    const min = this.model.tracks[group.track].min;
    if (group.members.length < min) this.underMin--;
    group.members.push(p);
    this.pGroups[p].push(g);
    this.pHours[p] += this.model.slots[group.slot].hours;
    this.touch(p);
    this.terms["group-balance"].refresh(this, group.slot, group.track);
    if (this.logging) this.log.push(g, p, Op.Add);
  }

  remove(g: number, p: number): void {
    const group = this.groups[g];
    removeItem(group.members, p);
    removeItem(this.pGroups[p], g);
    this.pHours[p] -= this.model.slots[group.slot].hours;
    if (group.members.length < this.model.tracks[group.track].min) this.underMin++;
    this.touch(p);
    this.terms["group-balance"].refresh(this, group.slot, group.track);
    if (this.logging) this.log.push(g, p, Op.Remove);
  }

  setTopic(g: number, topic: number): void {
    const group = this.groups[g];
    const from = group.topic;
    if (from === topic) return;
    this.bumpTopic(group.slot, group.track, from, -1);
    group.topic = topic;
    this.bumpTopic(group.slot, group.track, topic, +1);
    this.terms["parallel-topic"].refresh(this, group.slot, group.track);
    for (const p of group.members) this.touch(p);
    if (this.logging) this.log.push(g, from, Op.Topic);
  }

  setFac(g: number, fac: number): void {
    const group = this.groups[g];
    const from = group.fac;
    if (from === fac) return;
    const h = this.model.slots[group.slot].hours;
    removeItem(this.facGroups[from], g);
    this.facHours[from] -= h;
    group.fac = fac;
    this.facGroups[fac].push(g);
    this.facHours[fac] += h;
    this.terms["facilitator-balance"].moved(this, from, fac, h);
    this.refreshGroupPins(group.slot, group.track);
    for (const p of group.members) this.touch(p);
    if (this.logging) this.log.push(g, from, Op.Fac);
  }

  setRoom(g: number, room: number): void {
    const group = this.groups[g];
    const from = group.room;
    if (from === room) return;
    removeItem(this.roomGroups[from], g);
    group.room = room;
    this.roomGroups[room].push(g);
    this.refreshGroupPins(group.slot, group.track);
    if (this.logging) this.log.push(g, from, Op.Room);
  }

  // ---- derived parts -----------------------------------------------------------------------------

  /** An alive group at the pin's slot and track, with its lead and room when the pin names them. */
  pinHeld(pin: GroupPinM): boolean {
    return this.groupsOf(pin.slot, pin.track).some((g) => {
      const group = this.groups[g];
      return (pin.fac < 0 || group.fac === pin.fac) && (pin.room < 0 || group.room === pin.room);
    });
  }

  /** Group pins of a (slot, track) that no alive group there matches (lead and room when the pin names them). */
  private refreshGroupPins(slot: number, track: number): void {
    const pins = this.pinsAt.get(slot * this.model.tracks.length + track);
    if (!pins) return;
    let broken = 0;
    for (const pin of pins) if (!this.pinHeld(pin)) broken++;
    const i = slot * this.model.tracks.length + track;
    this.groupPinsBroken += broken - this.groupPinsBrokenST[i];
    this.groupPinsBrokenST[i] = broken;
  }

  /** The members or groups of (slot, track) changed. */
  private refreshSlotTrack(slot: number, track: number): void {
    this.terms["group-balance"].refresh(this, slot, track);
    this.terms["parallel-topic"].refresh(this, slot, track);
  }

  /** A group of (track, topic) at `slot` opened (+1) or stopped holding the topic (−1). */
  private bumpTopic(slot: number, track: number, topic: number, delta: number): void {
    const i = track * this.model.topics.length + topic;
    const before = this.topicCount[i];
    this.topicCount[i] += delta;
    this.terms["topic-uncovered"].counted(track, topic, before, delta);
    this.terms["core-cycle"].counted(slot, track, topic, delta);
  }
}

function removeItem(list: number[], item: number): void {
  const i = list.indexOf(item);
  if (i >= 0) {
    list[i] = list[list.length - 1];
    list.pop();
  }
}
