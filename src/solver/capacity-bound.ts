// Proven lower bounds on unmet hours and on billable days short from counting arguments, written as flows of hours.
// Any valid roster is a flow in each network below (a patient's hours pass through their days and slots to the
// seats of that slot's groups and on to the facilitators who lead them, or to the slot's rooms), so no roster can
// serve more than the maximum flow.
import { FlowNetwork } from "./max-flow.js";
import { type Model, weekPattern } from "./model.js";
import { type Reach, dayBundles, dayOptions } from "./reach.js";
import { type SeatLimits, seatLimits } from "./seat-limits.js";

/** Patients alike in week and track as one node: every capacity times their number, so the k equal shares of its
 * flow are a flow of the patients one by one, and a clinic of thousands is a few hundred nodes. */
interface Carried {
  readonly track: number;
  readonly count: number;
  /** Hours each may carry. */
  readonly cap: number;
  /** Hours that make one unit of what the flow counts: 1 for hours; for days, the fewest hours of a billable day. */
  readonly perUnit: number;
  readonly days: readonly { readonly slots: readonly number[]; readonly hours: number }[];
}

export type Resources = "leads" | "rooms";

interface Network {
  addNode(): number;
  edge(from: number, to: number, capacity: number): void;
}

/**
 * The staff's and rooms' side of a flow: a node per (slot, track), whose hours go on to the facilitators who may
 * lead there, each within their week's hours at their busiest group's size (`leads`), or to the slot's rooms shared
 * by all tracks in whole rooms (`rooms`), then to the sink. Returns the (slot, track) nodes, by s * T + t.
 */
export function resourceSide(net: Network, model: Model, limits: SeatLimits, resources: Resources, sink: number): number[] {
  const S = model.slots.length;
  const T = model.tracks.length;
  const F = model.facilitators.length;
  const slotTrack = Array.from({ length: S * T }, () => net.addNode());
  if (resources === "rooms") {
    for (let s = 0; s < S; s++) {
      const slotNode = net.addNode();
      const hours = model.slots[s].hours;
      for (let t = 0; t < T; t++) net.edge(slotTrack[s * T + t], slotNode, hours * limits.seats[s * T + t]);
      net.edge(slotNode, sink, hours * limits.slotSeats[s]);
    }
    return slotTrack;
  }
  const leads = model.facilitators.map(() => net.addNode());
  const busiest = new Float64Array(F);
  for (let i = 0; i < S * T; i++) {
    if (limits.seats[i] <= 0) continue;
    const out = net.addNode();
    const hours = model.slots[Math.floor(i / T)].hours;
    net.edge(slotTrack[i], out, hours * limits.seats[i]);
    for (let f = 0; f < F; f++) {
      if (!limits.leads[i * F + f]) continue;
      net.edge(out, leads[f], hours * limits.groupCap[i]);
      busiest[f] = Math.max(busiest[f], limits.groupCap[i]);
    }
  }
  leads.forEach((node, f) => net.edge(node, sink, limits.leadHours[f] * busiest[f]));
  return slotTrack;
}

/**
 * The most units the patients can be served when the seats of each slot and track and either each facilitator's
 * weekly hours (`leads`) or the slot's rooms shared by all tracks (`rooms`) bind. Units are counted dearest first
 * (fewest hours each): flow already placed is never pushed back out of its patient, so each class gets the most the
 * ones before it leave, and with weights only on the patients' edges that order gives the most units of all.
 */
function mostUnits(model: Model, carried: readonly Carried[], resources: Resources): number {
  const S = model.slots.length;
  const T = model.tracks.length;
  const heads = new Float64Array(S * T);
  for (const c of carried) for (const day of c.days) for (const s of day.slots) heads[s * T + c.track] += c.count;
  const net = new FlowNetwork(0);
  const source = net.addNode();
  const sink = net.addNode();
  const slotTrack = resourceSide(net, model, seatLimits(model, heads), resources, sink);
  let units = 0;
  const classes = [...new Set(carried.map((c) => c.perUnit))].sort((a, b) => a - b);
  for (const perUnit of classes) {
    for (const c of carried) {
      if (c.perUnit !== perUnit) continue;
      const node = net.addNode();
      net.edge(source, node, c.count * c.cap);
      for (const day of c.days) {
        const dayNode = net.addNode();
        net.edge(node, dayNode, c.count * day.hours);
        for (const s of day.slots) net.edge(dayNode, slotTrack[s * T + c.track], c.count * model.slots[s].hours);
      }
    }
    units += net.maxFlow(source, sink) / perUnit;
  }
  return units;
}

/** The least of what either network allows: each bounds every roster. */
const fewestUnits = (model: Model, carried: readonly Carried[]) =>
  Math.min(mostUnits(model, carried, "leads"), mostUnits(model, carried, "rooms"));

/** Groups patients alike in week, track and what they carry; `carry` returns null for a patient the flow leaves out. */
function alike(model: Model, carry: (p: number) => Omit<Carried, "count" | "track"> | null): Carried[] {
  const found = new Map<string, Carried>();
  model.patients.forEach((patient, p) => {
    const carried = carry(p);
    if (!carried) return;
    const key = `${weekPattern(patient)}|${patient.track}|${carried.cap}|${carried.perUnit}`;
    const seen = found.get(key);
    found.set(key, seen ? { ...seen, count: seen.count + 1 } : { ...carried, count: 1, track: patient.track });
  });
  return [...found.values()];
}

/** Each day of patient p's week: the group times they can reach and the most hours those can give them. */
function hoursByDay(model: Model, p: number): Carried["days"] {
  const patient = model.patients[p];
  const days = [];
  for (let d = 0; d < 7; d++) {
    const slots = patient.feasibleList.filter((s) => model.slots[s].day === d);
    if (slots.length === 0) continue;
    const options = dayOptions(model, slots, patient.maxSessionsPerDay, patient.maxHoursPerDay);
    days.push({ slots, hours: Math.max(0, ...options.values()) });
  }
  return days;
}

/** No valid roster leaves fewer hours unmet than this. */
export function unmetHoursBound(model: Model, reach: readonly Reach[]): number {
  if (model.patients.length === 0) return 0;
  const required = model.patients.reduce((h, p) => h + p.required, 0);
  const weeks = new Map<string, Carried["days"]>();
  const carried = alike(model, (p) => {
    const patient = model.patients[p];
    const key = weekPattern(patient);
    let days = weeks.get(key);
    if (!days) weeks.set(key, (days = hoursByDay(model, p)));
    return { cap: Math.min(patient.required, reach[p].hours), perUnit: 1, days };
  });
  const servable = fewestUnits(model, carried);
  // Rounded down to a ten-thousandth of an hour, past the flow's floating-point noise.
  return Math.max(0, Math.floor((required - servable) * 1e4 + 1e-6) / 1e4);
}

/**
 * No valid roster leaves fewer billable days short than this. A billable day of a patient takes at least the fewest
 * hours a billable day can have from the group times they can reach (PHP in a 3-hour and a 2.5-hour block needs
 * both: 5.5 h, not the rule's 4), all of them in group times that can be part of a billable day; a patient's days
 * count at most those hours once a day, up to the days their reach allows. The flows then bound the days every
 * patient can have together, as they bound hours.
 */
export function unmetDaysByStaff(model: Model, reach: readonly Reach[]): number {
  const needed = model.patients.reduce((n, p) => n + p.minDays, 0);
  if (needed === 0) return 0;
  const weeks = new Map<string, BillableWeek>();
  const carried = alike(model, (p) => {
    const patient = model.patients[p];
    if (patient.minDays === 0) return null;
    const key = weekPattern(patient);
    let week = weeks.get(key);
    if (!week) weeks.set(key, (week = billableWeek(model, p)));
    const most = week.cost > 0 ? Math.min(patient.minDays, reach[p].billableDays, Math.floor(reach[p].hours / week.cost + 1e-9)) : 0;
    if (most <= 0) return null;
    const cost = week.cost;
    return { cap: most * cost, perUnit: cost, days: week.days.map((slots) => ({ slots, hours: cost })) };
  });
  return Math.max(0, needed - Math.floor(fewestUnits(model, carried) + 1e-6));
}

export interface BillableWeek {
  /** The fewest hours of a billable day; 0 when no day can be billable. */
  readonly cost: number;
  /** Per day that can be billable, the group times that are part of some billable day. */
  readonly days: readonly (readonly number[])[];
}

/**
 * Patient p's billable days: the sets of non-overlapping group times of one day they can reach, within the level's
 * sessions and hours a day, that reach its hours for a day.
 */
export function billableWeek(model: Model, p: number): BillableWeek {
  const patient = model.patients[p];
  let cost = Infinity;
  const days: number[][] = [];
  for (let d = 0; d < 7; d++) {
    const today = patient.feasibleList.filter((s) => model.slots[s].day === d);
    if (today.length === 0) continue;
    // Any billable day holds at least one session and the rule's hours: a safe answer without trying every set.
    if (today.length > 12) {
      cost = Math.min(cost, Math.max(patient.minHoursPerDay, Math.min(...today.map((s) => model.slots[s].hours))));
      days.push(today);
      continue;
    }
    const used = new Set<number>();
    for (const bundle of dayBundles(model, p, today, 1 << today.length)!) {
      const hours = bundle.reduce((h, s) => h + model.slots[s].hours, 0);
      if (hours + 1e-9 < patient.minHoursPerDay || hours <= 1e-9) continue;
      cost = Math.min(cost, hours);
      for (const s of bundle) used.add(s);
    }
    if (used.size > 0) days.push(today.filter((s) => used.has(s)));
  }
  return Number.isFinite(cost) ? { cost, days } : { cost: 0, days: [] };
}
