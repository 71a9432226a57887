// A proven lower bound on unmet hours from counting arguments, written as flows of hours. Any valid roster is a
// flow in each network below (a patient's hours pass through their days and slots to the seats of that slot's
// groups and on to the facilitators who lead them), so no roster can serve more hours than the maximum flow.
import { FlowNetwork } from "./max-flow.js";
import { type Model, canLeadIn } from "./model.js";
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

/** Source → patients → their days → (slot, track); the caller connects the (slot, track) nodes to the sink. */
function patientSide(model: Model, reach: readonly Reach[]): { net: FlowNetwork; source: number; slotTrack: number[] } {
  const S = model.slots.length;
  const T = model.tracks.length;
  const net = new FlowNetwork(0);
  const source = net.addNode();
  const slotTrack = Array.from({ length: S * T }, () => net.addNode());
  model.patients.forEach((patient, p) => {
    const node = net.addNode();
    net.edge(source, node, Math.min(patient.required, reach[p].hours));
    for (let d = 0; d < 7; d++) {
      const today = patient.feasibleList.filter((s) => model.slots[s].day === d);
      if (today.length === 0) continue;
      const options = dayOptions(model, today, patient.maxSessionsPerDay, patient.maxHoursPerDay);
      const dayNode = net.addNode();
      net.edge(node, dayNode, Math.max(0, ...options.values()));
      for (const s of today) net.edge(dayNode, slotTrack[s * T + patient.track], model.slots[s].hours);
    }
  });
  return { net, source, slotTrack };
}

/** Hours the patients could be served when seats per slot and track, and each facilitator's weekly hours, bind. */
function servableByLeads(model: Model, reach: readonly Reach[], limits: SeatLimits): number {
  const S = model.slots.length;
  const T = model.tracks.length;
  const { net, source, slotTrack } = patientSide(model, reach);
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
function servableByRooms(model: Model, reach: readonly Reach[], limits: SeatLimits): number {
  const S = model.slots.length;
  const T = model.tracks.length;
  const { net, source, slotTrack } = patientSide(model, reach);
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
  const servable = Math.min(servableByLeads(model, reach, limits), servableByRooms(model, reach, limits));
  // Rounded down to a ten-thousandth of an hour, past the flow's floating-point noise.
  return Math.max(0, Math.floor((required - servable) * 1e4 + 1e-6) / 1e4);
}
