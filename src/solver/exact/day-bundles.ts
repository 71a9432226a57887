// The medium tier's bound from days, not slots: alike patients as one class, and each day a class takes as bundles of
// group times (a morning and an afternoon block together, or either alone), in whole groups per (slot, track) and
// room size, with the staff counted per slot and per week. A billable day is then a bundle, never a share of two
// blocks, which is what the counting flows cannot see; the whole groups are what only branching settles. Every
// constraint is implied by the hard rules and every patient's week is a sum of bundles, so its optimum bounds the
// medium tier of every valid roster. Measured: the day programs of the staffing bench proven in 0.8–1.0 s, the
// thread's start included, where the staffed model takes 7–18 s (bench/results/staffing.md).
import type { Weights } from "../../domain/index.js";
import { type Model, weekPattern } from "../model.js";
import { dayBundles } from "../reach.js";
import { seatLimits } from "../seat-limits.js";
import { Mip, bandCeiling } from "./mip.js";
import { timeCliques, trackSets } from "./patient-rows.js";

/** Bundles a class may take in one day; past this the model is left out rather than grown without bound. */
const MOST_BUNDLES_A_DAY = 256;

/** The model, or null when a class's days have too many bundles to list. */
export function dayBundleModel(model: Model, weights: Weights): Mip | null {
  const mip = new Mip();
  const S = model.slots.length;
  const T = model.tracks.length;
  const F = model.facilitators.length;
  const heads = Float64Array.from({ length: S * T }, (_, i) => model.reachers[i].length);
  const limits = seatLimits(model, heads);
  const sizes = [...new Set(model.rooms.map((r) => r.capacity))].sort((a, b) => b - a);
  // n[(c * S + s) * T + t]: groups of track t at slot s in rooms of size class c.
  const n = new Int32Array(sizes.length * S * T).fill(-1);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      if (limits.seats[s * T + t] <= 0) continue;
      const leads = model.facilitators.filter((_, f) => limits.leads[(s * T + t) * F + f]).length;
      sizes.forEach((size, c) => {
        if (size < model.tracks[t].min) return;
        const rooms = model.rooms.filter((r) => r.capacity === size && r.available[s] === 1).length;
        const most = Math.min(rooms, leads, Math.floor(heads[s * T + t] / model.tracks[t].min));
        if (most > 0) n[(c * S + s) * T + t] = mip.col(`n_${c}_${s}_${t}`, 0, 0, most, true);
      });
    }
  }
  const groups = (s: number, t: number) => sizes.flatMap((_, c) => (n[(c * S + s) * T + t] >= 0 ? [[n[(c * S + s) * T + t], c]] : []));

  const seated: [number, number][][] = Array.from({ length: S * T }, () => []);
  const classes = new Map<string, { p: number; count: number }>();
  model.patients.forEach((patient, p) => {
    const key = `${weekPattern(patient)}|${patient.track}|${patient.required}|${patient.minDays}`;
    const found = classes.get(key);
    if (found) found.count++;
    else classes.set(key, { p, count: 1 });
  });
  for (const { p, count } of classes.values()) {
    const patient = model.patients[p];
    const open = patient.feasibleList.filter((s) => groups(s, patient.track).length > 0);
    const hours: [number, number][] = [];
    const sessions: [number, number][] = [];
    const billable: [number, number][] = [];
    for (let d = 0; d < 7; d++) {
      const today = open.filter((s) => model.slots[s].day === d);
      if (today.length === 0) continue;
      const list = dayBundles(model, p, today, MOST_BUNDLES_A_DAY);
      if (!list) return null;
      const taken: [number, number][] = [];
      for (const bundle of list) {
        const y = mip.col(`y_${p}_${d}_${bundle.join("_")}`, 0, 0, count, false);
        const h = bundle.reduce((sum, s) => sum + model.slots[s].hours, 0);
        taken.push([y, 1]);
        hours.push([y, h]);
        sessions.push([y, bundle.length]);
        if (patient.minDays > 0 && h + 1e-9 >= patient.minHoursPerDay) billable.push([y, 1]);
        for (const s of bundle) seated[s * T + patient.track].push([y, 1]);
      }
      mip.row(`day_${p}_${d}`, taken, -Infinity, count);
    }
    const unmet = mip.col(`u_${p}`, weights["unmet-hours"], 0, Infinity, false);
    mip.row(`need_${p}`, [...hours, [unmet, 1]], count * patient.required, Infinity);
    mip.row(`band_${p}`, hours, -Infinity, count * bandCeiling(patient));
    mip.row(`week_${p}`, sessions, -Infinity, count * patient.maxSessionsPerWeek);
    if (patient.minDays > 0) {
      const short = mip.col(`ud_${p}`, weights["unmet-days"], 0, Infinity, false);
      mip.row(`days_${p}`, [...billable, [short, 1]], count * patient.minDays, Infinity);
    }
  }

  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const here = groups(s, t);
      if (here.length === 0) continue;
      const { min, max } = model.tracks[t];
      mip.row(
        `cap_${s}_${t}`,
        [...seated[s * T + t], ...here.map(([g, c]) => [g, -Math.min(sizes[c], max)] as [number, number])],
        -Infinity,
        0,
      );
      mip.row(`min_${s}_${t}`, [...seated[s * T + t], ...here.map(([g]) => [g, -min] as [number, number])], 0, Infinity);
    }
  }
  // Rooms of each size and leads at one moment; leads per set of tracks in each slot and over the week.
  timeCliques(model).forEach((clique, i) => {
    const at = (t: number) => clique.flatMap((s) => groups(s, t));
    sizes.forEach((size, c) => {
      const cols = Array.from({ length: T }, (_, t) => at(t).filter(([, cc]) => cc === c)).flat();
      mip.row(
        `rooms_${c}_${i}`,
        cols.map(([g]) => [g, 1] as const),
        -Infinity,
        model.rooms.filter((r) => r.capacity === size).length,
      );
    });
    for (const set of trackSets(T)) {
      const leads = model.facilitators.filter((_, f) => clique.some((s) => set.some((t) => limits.leads[(s * T + t) * F + f]))).length;
      mip.row(
        `leads_${set.join("_")}_${i}`,
        set.flatMap(at).map(([g]) => [g, 1] as const),
        -Infinity,
        leads,
      );
    }
  });
  for (const set of trackSets(T)) {
    const cols: [number, number][] = [];
    for (let s = 0; s < S; s++) for (const t of set) for (const [g] of groups(s, t)) cols.push([g, model.slots[s].hours]);
    let hours = 0;
    model.facilitators.forEach((_, f) => {
      if (set.some((t) => Array.from({ length: S }, (__, s) => limits.leads[(s * T + t) * F + f]).some((x) => x === 1)))
        hours += limits.leadHours[f];
    });
    mip.row(`staff_${set.join("_")}`, cols, -Infinity, hours + 1e-9);
  }
  return mip;
}
