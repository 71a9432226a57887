// The exact model of the hard rules with staff and rooms as decisions (solver-notes.md, "With staff and rooms"):
// x[p,s] a patient attends a slot; n[c,s,t] groups of track t in slot s held in rooms of capacity class c;
// h[f,s,t] facilitator f leads a group of t in s; u[p] and d[p] the hours and billable days short. Its objective
// is the medium tier (unmet hours and days, at their weights), so its optimum is the best any roster can do there.
// Topic rules are left out: with curricula whose every topic fits every week of stay (iop-core) it is exact;
// otherwise it is a relaxation, still a valid bound.
import type { Weights } from "../../domain/index.js";
import { type Model, canLeadIn } from "../model.js";
import { Mip } from "./mip.js";
import { patientRows, timeCliques } from "./patient-rows.js";

export interface Staffed {
  readonly mip: Mip;
  /** Column of x[p,s], by p * S + s; -1 where the slot is out of the patient's reach. */
  readonly x: Int32Array;
  /** Room capacity classes, largest first. */
  readonly classes: readonly number[];
  /** Column of n[c,s,t], by (c * S + s) * T + t; -1 where no such group can meet. */
  readonly n: Int32Array;
  /** Column of h[f,s,t], by (f * S + s) * T + t; -1 where f cannot lead t in s. */
  readonly h: Int32Array;
  /** Column of u[p], the hours patient p is short. */
  readonly u: Int32Array;
}

export function staffedModel(model: Model, weights: Weights): Staffed {
  const mip = new Mip();
  const S = model.slots.length;
  const T = model.tracks.length;
  const F = model.facilitators.length;
  const P = model.patients.length;
  const classes = [...new Set(model.rooms.map((r) => r.capacity))].sort((a, b) => b - a);
  const C = classes.length;
  const roomsIn = classes.map((c) => model.rooms.filter((r) => r.capacity === c).length);
  const x = new Int32Array(P * S).fill(-1);
  const n = new Int32Array(C * S * T).fill(-1);
  const h = new Int32Array(F * S * T).fill(-1);
  const u = new Int32Array(P).fill(-1);

  const reachable = new Int32Array(S * T);
  for (const p of model.patients) for (const s of p.feasibleList) reachable[s * T + p.track]++;
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const { min } = model.tracks[t];
      const leads: number[] = [];
      for (let f = 0; f < F; f++) if (canLeadIn(model, f, s, t)) leads.push(f);
      if (!model.slotAllowsTrack[s * T + t] || reachable[s * T + t] < min || leads.length === 0) continue;
      for (const f of leads) h[(f * S + s) * T + t] = mip.col(`h_${f}_${s}_${t}`, 0, 0, 1, true);
      classes.forEach((cap, c) => {
        if (cap < min) return;
        const most = Math.min(roomsIn[c], leads.length, Math.floor(reachable[s * T + t] / min));
        if (most > 0) n[(c * S + s) * T + t] = mip.col(`n_${c}_${s}_${t}`, 0, 0, most, true);
      });
    }
  }
  const groupsOf = (s: number, t: number) => classes.flatMap((_, c) => (n[(c * S + s) * T + t] >= 0 ? [n[(c * S + s) * T + t]] : []));

  model.patients.forEach((patient, p) => {
    const slots = patient.feasibleList.filter((s) => groupsOf(s, patient.track).length > 0);
    for (const s of slots) x[p * S + s] = mip.col(`x_${p}_${s}`, 0, 0, 1, true);
    u[p] = patientRows(mip, model, weights, p, slots, (s) => x[p * S + s]);
  });

  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const groups = groupsOf(s, t);
      if (groups.length === 0) continue;
      const { min, max } = model.tracks[t];
      const heads: [number, number][] = [];
      model.patients.forEach((patient, p) => {
        if (patient.track === t && x[p * S + s] >= 0) heads.push([x[p * S + s], 1]);
      });
      const seats = classes.flatMap((cap, c) =>
        n[(c * S + s) * T + t] >= 0 ? [[n[(c * S + s) * T + t], -Math.min(cap, max)] as [number, number]] : [],
      );
      // Any head count between min and the seats of the groups splits into groups that each meet and fit.
      mip.row(`cap_${s}_${t}`, [...heads, ...seats], -Infinity, 0);
      mip.row(`min_${s}_${t}`, [...heads, ...groups.map((g) => [g, -min] as [number, number])], 0, Infinity);
      for (const [col] of heads) mip.row(`open_${col}`, [[col, 1], ...groups.map((g) => [g, -1] as [number, number])], -Infinity, 0);
      const leads: [number, number][] = [];
      for (let f = 0; f < F; f++) if (h[(f * S + s) * T + t] >= 0) leads.push([h[(f * S + s) * T + t], -1]);
      mip.row(`lead_${s}_${t}`, [...groups.map((g) => [g, 1] as [number, number]), ...leads], 0, 0);
    }
  }
  timeCliques(model).forEach((clique, i) => {
    classes.forEach((_, c) => {
      const cols = clique.flatMap((s) => Array.from({ length: T }, (_, t) => n[(c * S + s) * T + t]).filter((col) => col >= 0));
      mip.row(
        `room_${c}_${i}`,
        cols.map((col) => [col, 1] as const),
        -Infinity,
        roomsIn[c],
      );
    });
    for (let f = 0; f < F; f++) {
      const cols = clique.flatMap((s) => Array.from({ length: T }, (_, t) => h[(f * S + s) * T + t]).filter((col) => col >= 0));
      mip.row(
        `busy_${f}_${i}`,
        cols.map((col) => [col, 1] as const),
        -Infinity,
        1,
      );
    }
  });
  model.facilitators.forEach((fac, f) => {
    const cols: [number, number][] = [];
    for (let s = 0; s < S; s++)
      for (let t = 0; t < T; t++) if (h[(f * S + s) * T + t] >= 0) cols.push([h[(f * S + s) * T + t], model.slots[s].hours]);
    mip.row(`hours_${f}`, cols, -Infinity, fac.maxHours + 1e-9);
  });
  return { mip, x, classes, n, h, u };
}
