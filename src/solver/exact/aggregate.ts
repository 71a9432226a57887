// The aggregated formulation (solver-notes.md): a binary per (patient, slot) and a whole number of groups per
// (slot, track) with min·n ≤ head-count ≤ max·n. It carries the objective terms that do not depend on topics or
// on which group a patient sits in; every constraint is implied by the hard rules, so its optimum is a valid
// lower bound on the full objective, and its solutions are turned into concrete rosters by plan-to-roster.ts.
import type { Weights } from "../../domain/index.js";
import type { Model } from "../model.js";
import { Mip } from "./mip.js";
import { patientRows, timeCliques, trackSets } from "./patient-rows.js";

export interface Aggregated {
  readonly mip: Mip;
  /** Column of x[p,s], by p * S + s; -1 where the slot is out of the patient's reach. */
  readonly x: Int32Array;
  /** Column of n[s,t], by s * T + t; -1 where no group of the track can meet. */
  readonly n: Int32Array;
}

export function aggregate(model: Model, weights: Weights): Aggregated {
  const mip = new Mip();
  const S = model.slots.length;
  const T = model.tracks.length;
  const x = new Int32Array(model.patients.length * S).fill(-1);
  const n = new Int32Array(S * T).fill(-1);

  const reachable = new Int32Array(S * T);
  for (const p of model.patients) for (const s of p.feasibleList) reachable[s * T + p.track]++;
  const facilitatorsFor = (s: number, tracks: readonly number[]) =>
    model.facilitators.filter((f) => f.available[s] && tracks.some((t) => f.leadsTrack[t])).length;
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const most = Math.min(Math.floor(reachable[s * T + t] / model.tracks[t].min), facilitatorsFor(s, [t]), model.rooms.length);
      if (most > 0) n[s * T + t] = mip.col(`n_${s}_${t}`, weights["groups-opened"], 0, most, true);
    }
  }

  model.patients.forEach((patient, p) => {
    const slots = patient.feasibleList.filter((s) => n[s * T + patient.track] >= 0);
    for (const s of slots) {
      const off = patient.preference !== "any" && model.slots[s].part !== patient.preference ? weights["part-preference"] : 0;
      x[p * S + s] = mip.col(`x_${p}_${s}`, off, 0, 1, true);
    }
    patientRows(mip, model, weights, p, slots, (s) => x[p * S + s]);
    const extra = mip.col(`e_${p}`, weights["extra-hours"], 0, Infinity, false);
    mip.row(`extra_${p}`, [...slots.map((s) => [x[p * S + s], model.slots[s].hours] as const), [extra, -1]], -Infinity, patient.required);
  });

  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const g = n[s * T + t];
      if (g < 0) continue;
      const heads: [number, number][] = [];
      model.patients.forEach((patient, p) => {
        if (patient.track === t && x[p * S + s] >= 0) heads.push([x[p * S + s], 1]);
      });
      mip.row(`cap_${s}_${t}`, [...heads, [g, -model.tracks[t].max]], -Infinity, 0);
      mip.row(`min_${s}_${t}`, [...heads, [g, -model.tracks[t].min]], 0, Infinity);
    }
    // Hall's condition for facilitators in the slot: each group needs its own qualified lead.
    for (const tracks of trackSets(T)) {
      const cols = tracks.map((t) => n[s * T + t]).filter((c) => c >= 0);
      if (cols.length > 0)
        mip.row(
          `lead_${s}_${tracks.join("_")}`,
          cols.map((c) => [c, 1] as const),
          -Infinity,
          facilitatorsFor(s, tracks),
        );
    }
  }
  const allTracks = Array.from({ length: T }, (_, t) => t);
  timeCliques(model).forEach((clique, i) => {
    const cols = clique.flatMap((s) => allTracks.map((t) => n[s * T + t]).filter((c) => c >= 0));
    const leads = model.facilitators.filter((f) => clique.some((s) => f.available[s]) && allTracks.some((t) => f.leadsTrack[t])).length;
    mip.row(
      `moment_${i}`,
      cols.map((c) => [c, 1] as const),
      -Infinity,
      Math.min(leads, model.rooms.length),
    );
  });
  const hours: [number, number][] = [];
  for (let s = 0; s < S; s++) for (let t = 0; t < T; t++) if (n[s * T + t] >= 0) hours.push([n[s * T + t], model.slots[s].hours]);
  mip.row(
    "staff_hours",
    hours,
    -Infinity,
    model.facilitators.reduce((h, f) => h + f.maxHours, 0),
  );
  return { mip, x, n };
}
