// A proven lower bound on unmet hours from counting arguments, written as flows of hours. Any valid roster is a
// flow in each network below (a patient's hours pass through their days and slots to the seats of that slot's
// groups and on to the facilitators who lead them), so no roster can serve more hours than the maximum flow.
import { FlowNetwork } from "./max-flow.js";
import { type Model, canLeadIn, weekPattern } from "./model.js";
import { type Reach, dayOptions } from "./reach.js";

interface SeatLimits {
  /** leads[(s * T + t) * F + f] = 1 when facilitator f may lead track t in slot s (canLeadIn, computed once). */
  readonly leads: Uint8Array;
  /** Seats a slot can offer a track: its largest usable rooms, one per lead who can take the track there. */
  readonly seats: Float64Array;
  /** The largest group of the track in the slot (track maximum and the largest usable room). */
  readonly groupCap: Float64Array;
}

function seatLimits(model: Model): SeatLimits {
  const S = model.slots.length;
  const T = model.tracks.length;
  const F = model.facilitators.length;
  const leads = new Uint8Array(S * T * F);
  const seats = new Float64Array(S * T);
  const groupCap = new Float64Array(S * T);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const { min, max } = model.tracks[t];
      if (!model.slotAllowsTrack[s * T + t]) continue;
      let count = 0;
      for (let f = 0; f < F; f++) if ((leads[(s * T + t) * F + f] = canLeadIn(model, f, s, t) ? 1 : 0)) count++;
      const caps = model.rooms
        .filter((r) => r.capacity >= min)
        .map((r) => Math.min(r.capacity, max))
        .sort((a, b) => b - a);
      seats[s * T + t] = caps.slice(0, count).reduce((a, b) => a + b, 0);
      groupCap[s * T + t] = count > 0 && caps.length > 0 ? caps[0] : 0;
    }
  }
  return { leads, seats, groupCap };
}

/** Hours a patient can take in the flows: up to their plan for the unmet-hours bound, up to their reach for days. */
type Cap = (p: number) => number;

/**
 * Source → patients → their days → (slot, track); the caller connects the (slot, track) nodes to the sink. Patients
 * alike in week, track and cap are one node with every capacity times their number: the k equal shares of its flow
 * are a flow of the patients one by one, so the maximum is the same, and a clinic of thousands is a few hundred nodes.
 */
function patientSide(model: Model, cap: Cap): { net: FlowNetwork; source: number; slotTrack: number[] } {
  const S = model.slots.length;
  const T = model.tracks.length;
  const alike = new Map<string, { p: number; count: number }>();
  model.patients.forEach((patient, p) => {
    const key = `${weekPattern(patient)}|${patient.track}|${cap(p)}`;
    const found = alike.get(key);
    if (found) found.count++;
    else alike.set(key, { p, count: 1 });
  });
  const net = new FlowNetwork(0);
  const source = net.addNode();
  const slotTrack = Array.from({ length: S * T }, () => net.addNode());
  for (const { p, count } of alike.values()) {
    const patient = model.patients[p];
    const node = net.addNode();
    net.edge(source, node, count * cap(p));
    for (let d = 0; d < 7; d++) {
      const today = patient.feasibleList.filter((s) => model.slots[s].day === d);
      if (today.length === 0) continue;
      const options = dayOptions(model, today, patient.maxSessionsPerDay, patient.maxHoursPerDay);
      const dayNode = net.addNode();
      net.edge(node, dayNode, count * Math.max(0, ...options.values()));
      for (const s of today) net.edge(dayNode, slotTrack[s * T + patient.track], count * model.slots[s].hours);
    }
  }
  return { net, source, slotTrack };
}

/** Hours the patients could be served when seats per slot and track, and each facilitator's weekly hours, bind. */
function servableByLeads(model: Model, cap: Cap, limits: SeatLimits): number {
  const S = model.slots.length;
  const T = model.tracks.length;
  const { net, source, slotTrack } = patientSide(model, cap);
  const sink = net.addNode();
  const leads = model.facilitators.map(() => net.addNode());
  const busiest = new Float64Array(model.facilitators.length);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const i = s * T + t;
      if (limits.seats[i] <= 0) continue;
      const out = net.addNode();
      const hours = model.slots[s].hours;
      net.edge(slotTrack[i], out, hours * limits.seats[i]);
      model.facilitators.forEach((_, f) => {
        if (!limits.leads[i * model.facilitators.length + f]) return;
        net.edge(out, leads[f], hours * limits.groupCap[i]);
        busiest[f] = Math.max(busiest[f], limits.groupCap[i]);
      });
    }
  }
  model.facilitators.forEach((fac, f) => net.edge(leads[f], sink, fac.maxHours * busiest[f]));
  return net.maxFlow(source, sink);
}

/** Hours the patients could be served when all tracks of a slot share its rooms and its available leads. */
function servableByRooms(model: Model, cap: Cap, limits: SeatLimits): number {
  const S = model.slots.length;
  const T = model.tracks.length;
  const { net, source, slotTrack } = patientSide(model, cap);
  const sink = net.addNode();
  for (let s = 0; s < S; s++) {
    const slotNode = net.addNode();
    const hours = model.slots[s].hours;
    for (let t = 0; t < T; t++) net.edge(slotTrack[s * T + t], slotNode, hours * limits.seats[s * T + t]);
    const F = model.facilitators.length;
    const available = model.facilitators.filter((_, f) => model.tracks.some((__, t) => limits.leads[(s * T + t) * F + f] === 1)).length;
    const largest = Math.max(0, ...model.tracks.map((t) => t.max));
    const rooms = model.rooms
      .map((r) => Math.min(r.capacity, largest))
      .sort((a, b) => b - a)
      .slice(0, available);
    net.edge(slotNode, sink, hours * rooms.reduce((a, b) => a + b, 0));
  }
  return net.maxFlow(source, sink);
}

/** No valid roster leaves fewer hours unmet than this. */
export function unmetHoursBound(model: Model, reach: readonly Reach[]): number {
  const required = model.patients.reduce((h, p) => h + p.required, 0);
  if (model.patients.length === 0) return 0;
  const limits = seatLimits(model);
  const cap = (p: number) => Math.min(model.patients[p].required, reach[p].hours);
  const servable = Math.min(servableByLeads(model, cap, limits), servableByRooms(model, cap, limits));
  // Rounded down to a ten-thousandth of an hour, past the flow's floating-point noise.
  return Math.max(0, Math.floor((required - servable) * 1e4 + 1e-6) / 1e4);
}

/**
 * No valid roster leaves fewer billable days short than this. Every billable day of a patient takes at least the
 * fewest hours a billable day can have from the group times they can reach (PHP in a 3-hour and a 2.5-hour block
 * needs both: 5.5 h, not the rule's 4), and all the hours the staff and rooms can serve, up to each patient's reach,
 * are at most the same flows' maximum. Spent on the cheapest days first, those hours make at most so many days.
 */
export function unmetDaysByStaff(model: Model, reach: readonly Reach[]): number {
  const needed = model.patients.reduce((n, p) => n + p.minDays, 0);
  if (needed === 0) return 0;
  const limits = seatLimits(model);
  const cap = (p: number) => reach[p].hours;
  let hours = Math.min(servableByLeads(model, cap, limits), servableByRooms(model, cap, limits));
  const byPattern = new Map<string, number>();
  const days = model.patients
    .map((patient, p) => {
      const key = weekPattern(patient);
      let cost = byPattern.get(key);
      if (cost === undefined) byPattern.set(key, (cost = cheapestBillableDay(model, p)));
      return { cost, most: cost > 0 ? Math.min(patient.minDays, reach[p].billableDays, Math.floor(reach[p].hours / cost + 1e-9)) : 0 };
    })
    .filter((d) => d.most > 0)
    .sort((a, b) => a.cost - b.cost);
  let billable = 0;
  for (const { cost, most } of days) {
    const taken = Math.min(most, hours / cost);
    billable += taken;
    hours -= taken * cost;
    if (hours <= 1e-9) break;
  }
  return Math.max(0, needed - Math.floor(billable + 1e-6));
}

/**
 * The fewest hours of a billable day for patient p: non-overlapping group times of one day they can reach, within the
 * level's sessions and hours a day, that reach its hours for a day; 0 when no day can be billable.
 */
function cheapestBillableDay(model: Model, p: number): number {
  const patient = model.patients[p];
  const S = model.slots.length;
  let best = Infinity;
  for (let d = 0; d < 7; d++) {
    const today = patient.feasibleList.filter((s) => model.slots[s].day === d);
    if (today.length === 0) continue;
    // Any billable day holds at least one session and the rule's hours: a safe answer without trying every set.
    if (today.length > 12) return Math.max(patient.minHoursPerDay, Math.min(...patient.feasibleList.map((s) => model.slots[s].hours)));
    for (let mask = 1; mask < 1 << today.length; mask++) {
      let hours = 0;
      let count = 0;
      let clash = false;
      for (let i = 0; i < today.length && !clash; i++) {
        if (!(mask & (1 << i))) continue;
        for (let j = 0; j < i && !clash; j++) if (mask & (1 << j) && model.conflict[today[i] * S + today[j]]) clash = true;
        hours += model.slots[today[i]].hours;
        count++;
      }
      if (clash || count > patient.maxSessionsPerDay || hours > patient.maxHoursPerDay + 1e-9) continue;
      if (hours + 1e-9 >= patient.minHoursPerDay && hours > 1e-9) best = Math.min(best, hours);
    }
  }
  return Number.isFinite(best) ? best : 0;
}
