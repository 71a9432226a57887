// Scenario compiled to dense indices and flat arrays, so the search never touches strings or luxon.
import {
  type Interval,
  type Part,
  type ProgramModel,
  type Scenario,
  coreTopics,
  facilitatorAvailable,
  groupTrackOf,
  overlaps,
  patientBusy,
  programOf,
  requirementOf,
  slotInterval,
  weekOfStay,
  weekdayIndex,
  within,
  roomOutOfService,
} from "../domain/index.js";

export interface SlotM {
  readonly id: string;
  /** Topic indices this slot is reserved for; null = any. */
  readonly topics: ReadonlySet<number> | null;
  readonly day: number;
  readonly part: Part;
  readonly interval: Interval;
  readonly hours: number;
}

export interface TrackM {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Topic indices of the track's curriculum, in curriculum order. */
  readonly topics: readonly number[];
}

export interface TopicM {
  readonly id: string;
  readonly title: string;
  /** 7 flags, Monday first; all set when the topic may be held any day. */
  readonly days: Uint8Array;
  readonly weeks: readonly [number, number] | null;
}

export interface PatientM {
  readonly id: string;
  readonly track: number;
  readonly levelLabel: string;
  readonly required: number;
  readonly maxHours: number;
  readonly maxExclusive: boolean;
  readonly minDays: number;
  readonly minHoursPerDay: number;
  readonly maxSessionsPerDay: number;
  readonly maxHoursPerDay: number;
  readonly maxSessionsPerWeek: number;
  readonly preference: Part | "any";
  readonly weekOfStay: number;
  /** Weeks of the planned stay from this one on (1 in the last week); null when no planned length is known. */
  readonly weeksLeft: number | null;
  /** Topics of the track's curriculum the patient can still hear in this stay and has not yet. */
  readonly toHear: readonly number[];
  /** Sessions a week their level's hours take in the longest group times open to them. */
  readonly pace: number;
  /** Slots open to this patient's track and level and clear of every unavailable window. */
  readonly feasible: Uint8Array;
  readonly feasibleList: readonly number[];
  /** Slots of the track and level the patient's windows rule out (for the explanation). */
  readonly blockedList: readonly number[];
  /** Slots the patient could attend but too few patients of the track can, so no group can ever meet there. */
  readonly thinList: readonly number[];
  /** 1 per topic index heard before this week; `anyCompleted` when one is. */
  readonly completed: Uint8Array;
  readonly anyCompleted: boolean;
  /** Core topics missed last week, to make up this week (topic indices of the track's curriculum). */
  readonly makeUps: readonly number[];
  /** Slots where a pin holds this patient in a group of their track. */
  readonly pinnedSlots: readonly number[];
  /** Last week's groups as (slot, lead) indices; a slot or lead gone this week is -1 and cannot be kept. */
  readonly previous: readonly { readonly slot: number; readonly fac: number }[];
  /** Fewest consecutive-day pairs a week of k session days can have, given the days open to the patient. */
  readonly minAdjacentPairs: readonly number[];
}

export interface FacilitatorM {
  readonly id: string;
  readonly maxHours: number;
  readonly available: Uint8Array;
  /** canLead[track * topicCount + topic]. */
  readonly canLead: Uint8Array;
  readonly leadsTrack: Uint8Array;
}

export interface RoomM {
  readonly id: string;
  readonly capacity: number;
  /** 1 where the room can be used at slot s (not out of service then). */
  readonly available: Uint8Array;
}

export interface Model {
  readonly scenario: Scenario;
  readonly program: ProgramModel;
  readonly slots: readonly SlotM[];
  /** conflict[a * S + b] = 1 when slots a and b overlap in time (a slot conflicts with itself). */
  readonly conflict: Uint8Array;
  readonly tracks: readonly TrackM[];
  readonly topics: readonly TopicM[];
  readonly patients: readonly PatientM[];
  readonly facilitators: readonly FacilitatorM[];
  readonly rooms: readonly RoomM[];
  /** slotAllowsTrack[slot * T + track]. */
  readonly slotAllowsTrack: Uint8Array;
  /** Groups that must meet: slot and track, with lead and room indices, or -1 for any. */
  readonly groupPins: readonly GroupPinM[];
  /** Core topics due this week for the rolling cycle (scenario.coreDue), each with the slots open to its level. */
  readonly due: readonly DueM[];
  /** Indices into `due` by track * topics + topic. */
  readonly dueAt: ReadonlyMap<number, readonly number[]>;
  /** reachers[slot * T + track]: the patients of the track who can come at the slot, so a move that fills a group
   * there looks at them and not at the whole clinic. */
  readonly reachers: readonly (readonly number[])[];
}

export interface DueM {
  readonly track: number;
  readonly topic: number;
  /** slotsOpen[slot] = 1 when the slot is open to the level the topic is due for. */
  readonly slotsOpen: Uint8Array;
}

export interface GroupPinM {
  readonly slot: number;
  readonly track: number;
  readonly fac: number;
  readonly room: number;
}

function minAdjacentPairs(openDays: Uint8Array): number[] {
  const best = new Array<number>(8).fill(Infinity);
  for (let mask = 0; mask < 128; mask++) {
    let ok = true;
    let count = 0;
    let pairs = 0;
    for (let d = 0; d < 7; d++) {
      if (!(mask & (1 << d))) continue;
      if (!openDays[d]) ok = false;
      count++;
      if (d > 0 && mask & (1 << (d - 1))) pairs++;
    }
    if (ok) best[count] = Math.min(best[count], pairs);
  }
  return best.map((v) => (Number.isFinite(v) ? v : 0));
}

export function compile(scenario: Scenario): Model {
  const program = programOf(scenario);
  const S = scenario.slots.length;
  const topicIndex = new Map<string, number>();
  const topics: TopicM[] = [];
  for (const c of program.curricula) {
    for (const t of c.topics) {
      if (topicIndex.has(t.id)) continue;
      topicIndex.set(t.id, topics.length);
      const days = new Uint8Array(7).fill(t.days ? 0 : 1);
      t.days?.forEach((d) => (days[weekdayIndex(d)] = 1));
      topics.push({ id: t.id, title: t.title, days, weeks: t.weeksOfStay ? [t.weeksOfStay.from, t.weeksOfStay.to] : null });
    }
  }
  const K = topics.length;
  const slots: SlotM[] = scenario.slots.map((s) => {
    const interval = slotInterval(scenario, s);
    const reserved = s.topics ? new Set(s.topics.map((t) => topicIndex.get(t)!)) : null;
    return {
      id: s.id,
      topics: reserved,
      day: weekdayIndex(s.day),
      part: s.part,
      interval,
      hours: (interval.end - interval.start) / 3_600_000,
    };
  });
  const tracks: TrackM[] = program.tracks.map((t) => {
    const curriculum = program.curricula.find((c) => c.id === t.curriculum);
    const size = t.groupSize ?? program.groupSize;
    return { id: t.id, label: t.label, min: size.min, max: size.max, topics: (curriculum?.topics ?? []).map((x) => topicIndex.get(x.id)!) };
  });
  const T = tracks.length;
  const conflict = new Uint8Array(S * S);
  for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) conflict[a * S + b] = overlaps(slots[a].interval, slots[b].interval) ? 1 : 0;
  const trackIndex = new Map(tracks.map((t, i) => [t.id, i]));

  const slotAllowsTrack = new Uint8Array(S * T);
  scenario.slots.forEach((s, i) => {
    tracks.forEach((t, j) => (slotAllowsTrack[i * T + j] = !s.tracks || s.tracks.includes(t.id) ? 1 : 0));
  });

  const topicCredentials = new Map(program.curricula.flatMap((c) => c.topics.map((t) => [t.id, t.credentials] as const)));
  const facilitators: FacilitatorM[] = scenario.facilitators.map((f) => {
    const windows = facilitatorAvailable(scenario, f);
    const available = new Uint8Array(S);
    slots.forEach((s, i) => (available[i] = within(s.interval, windows) ? 1 : 0));
    const canLead = new Uint8Array(T * K);
    const leadsTrack = new Uint8Array(T);
    program.tracks.forEach((track, ti) => {
      if (!f.tracks.includes(track.id) || !track.credentials.some((c) => f.credentials.includes(c))) return;
      for (const k of tracks[ti].topics) {
        const topic = topics[k];
        const needs = topicCredentials.get(topic.id);
        if (f.topics && !f.topics.includes(topic.id)) continue;
        if (needs && !needs.some((c) => f.credentials.includes(c))) continue;
        canLead[ti * K + k] = 1;
        leadsTrack[ti] = 1;
      }
    });
    return { id: f.id, maxHours: f.maxHoursPerWeek, available, canLead, leadsTrack };
  });

  const slotIndex = new Map(scenario.slots.map((s, i) => [s.id, i]));
  const facIndex = new Map(scenario.facilitators.map((f, i) => [f.id, i]));
  const previousOf = new Map<string, { slot: number; fac: number }[]>();
  for (const q of scenario.previous ?? []) {
    const list = previousOf.get(q.patientId) ?? [];
    list.push({ slot: slotIndex.get(q.slotId) ?? -1, fac: facIndex.get(q.facilitatorId) ?? -1 });
    previousOf.set(q.patientId, list);
  }
  const coreOf = (p: Scenario["patients"][number]) => coreTopics(program, p).map((t) => topicIndex.get(t)!);
  const patients: PatientM[] = scenario.patients.map((p) => {
    const req = requirementOf(program, p);
    const track = trackIndex.get(groupTrackOf(program, p))!;
    const busy = patientBusy(scenario, p);
    const completed = new Set(p.completedTopics.map((t) => topicIndex.get(t)!));
    const stayWeek = weekOfStay(scenario, p);
    const planned = p.plannedWeeks ?? program.plannedWeeks;
    const feasible = new Uint8Array(S);
    const blocked: number[] = [];
    scenario.slots.forEach((s, i) => {
      if (!slotAllowsTrack[i * T + track]) return;
      if (s.levels && !s.levels.includes(p.level)) return;
      if (slots[i].hours > req.level.maxHoursPerDay + 1e-9) return;
      if (busy.some((b) => overlaps(b, slots[i].interval))) blocked.push(i);
      else feasible[i] = 1;
    });
    const openDays = new Uint8Array(7);
    const feasibleList: number[] = [];
    feasible.forEach((f, i) => {
      if (!f) return;
      feasibleList.push(i);
      openDays[slots[i].day] = 1;
    });
    return {
      id: p.id,
      track,
      levelLabel: req.level.label,
      required: req.hours,
      maxHours: req.band.maxHours,
      maxExclusive: req.band.maxExclusive,
      minDays: req.band.minDays,
      minHoursPerDay: req.band.minHoursPerDay,
      maxSessionsPerDay: req.level.maxSessionsPerDay,
      maxHoursPerDay: req.level.maxHoursPerDay,
      maxSessionsPerWeek: req.level.maxSessionsPerWeek,
      preference: p.preference,
      weekOfStay: stayWeek,
      weeksLeft: planned === undefined ? null : Math.max(1, planned - stayWeek + 1),
      pace: feasibleList.length === 0 ? 0 : Math.ceil(req.hours / Math.max(...feasibleList.map((i) => slots[i].hours)) - 1e-9),
      toHear: coreOf(p).filter((k) => !completed.has(k) && (!topics[k].weeks || topics[k].weeks![1] >= stayWeek)),
      makeUps: (p.makeUps ?? []).flatMap((t) => (topicIndex.has(t) ? [topicIndex.get(t)!] : [])),
      feasible,
      feasibleList,
      blockedList: blocked,
      thinList: [],
      completed: Uint8Array.from(topics, (_, k) => (completed.has(k) ? 1 : 0)),
      anyCompleted: completed.size > 0,
      previous: previousOf.get(p.id) ?? [],
      pinnedSlots: (scenario.pins ?? []).flatMap((pin) =>
        pin.kind === "patient" && pin.patientId === p.id ? [slotIndex.get(pin.slotId)!] : [],
      ),
      minAdjacentPairs: minAdjacentPairs(openDays),
    };
  });

  dropThinSlots(patients, tracks, S);
  const rooms = scenario.rooms.map((r) => {
    const away = roomOutOfService(scenario, r);
    const available = Uint8Array.from(slots, (s) => (away.some((c) => overlaps(c.interval, s.interval)) ? 0 : 1));
    return { id: r.id, capacity: r.capacity, available };
  });
  const roomIndex = new Map(scenario.rooms.map((r, i) => [r.id, i]));
  const groupPins = (scenario.pins ?? []).flatMap((pin) =>
    pin.kind === "group"
      ? [
          {
            slot: slotIndex.get(pin.slotId)!,
            track: trackIndex.get(pin.track)!,
            fac: pin.facilitatorId === undefined ? -1 : facIndex.get(pin.facilitatorId)!,
            room: pin.roomId === undefined ? -1 : roomIndex.get(pin.roomId)!,
          },
        ]
      : [],
  );
  const due: DueM[] = (scenario.coreDue ?? []).flatMap((d) => {
    const slotsOpen = Uint8Array.from(scenario.slots, (s) => (s.levels && !s.levels.includes(d.level) ? 0 : 1));
    return d.topics.map((t) => ({ track: trackIndex.get(d.track)!, topic: topicIndex.get(t)!, slotsOpen }));
  });
  const dueAt = new Map<number, number[]>();
  due.forEach((d, i) => dueAt.set(d.track * K + d.topic, [...(dueAt.get(d.track * K + d.topic) ?? []), i]));
  const reachers = Array.from({ length: S * tracks.length }, () => [] as number[]);
  patients.forEach((p, i) => p.feasibleList.forEach((s) => reachers[s * tracks.length + p.track].push(i)));
  return {
    scenario,
    program,
    slots,
    conflict,
    tracks,
    topics,
    patients,
    facilitators,
    rooms,
    slotAllowsTrack,
    groupPins,
    due,
    dueAt,
    reachers,
  };
}

/**
 * A slot that fewer patients of a track can reach than the track's minimum can never hold a group of it:
 * take it out of those patients' reach, so the bound and the explanations see it.
 */
function dropThinSlots(patients: PatientM[], tracks: readonly TrackM[], S: number): void {
  const T = tracks.length;
  const reachable = new Int32Array(S * T);
  for (const p of patients) for (const s of p.feasibleList) reachable[s * T + p.track]++;
  patients.forEach((p, i) => {
    const thin = p.feasibleList.filter((s) => reachable[s * T + p.track] < tracks[p.track].min);
    if (thin.length === 0) return;
    for (const s of thin) p.feasible[s] = 0;
    patients[i] = { ...p, feasibleList: p.feasibleList.filter((s) => !thin.includes(s)), thinList: thin };
  });
}

/**
 * A patient's reachable group times and level rules, as a key: patients alike in it reach alike, and a clinic of
 * thousands has a few hundred of them, so what depends on nothing else is computed once per key.
 */
export function weekPattern(p: PatientM): string {
  return `${p.feasibleList.join(",")}|${p.maxSessionsPerDay}|${p.maxHoursPerDay}|${p.minHoursPerDay}|${p.maxSessionsPerWeek}|${p.maxHours}|${p.maxExclusive}`;
}

/** A topic may be held in a slot on its weekday, and only if the slot is not reserved for other topics. */
export function slotAllowsTopic(model: Model, slot: number, topic: number): boolean {
  const s = model.slots[slot];
  return model.topics[topic].days[s.day] === 1 && (s.topics === null || s.topics.has(topic));
}

/** Whether a patient in this week of stay may attend a topic. */
export function topicFitsPatient(topic: TopicM, patient: PatientM): boolean {
  return !topic.weeks || (patient.weekOfStay >= topic.weeks[0] && patient.weekOfStay <= topic.weeks[1]);
}

/** Whether facilitator f may lead a group of track t in slot s: available, credentialed, with a topic the slot allows. */
export function canLeadIn(model: Model, f: number, s: number, t: number): boolean {
  const fac = model.facilitators[f];
  if (!fac.available[s] || !fac.leadsTrack[t]) return false;
  const K = model.topics.length;
  return model.tracks[t].topics.some((k) => fac.canLead[t * K + k] === 1 && slotAllowsTopic(model, s, k));
}
