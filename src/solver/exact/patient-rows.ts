// What both exact models say about one patient: their hours with the unmet-hours column, the band ceiling, sessions
// per week and per day, hours per day, no two overlapping slots, and billable days with the days-short column.
import type { Weights } from "../../domain/index.js";
import type { Model } from "../model.js";
import { type Mip, bandCeiling } from "./mip.js";

/** Rows for patient p over their slot columns (`cols[s]`, for each s in `slots`); returns the unmet-hours column. */
export function patientRows(
  mip: Mip,
  model: Model,
  weights: Weights,
  p: number,
  slots: readonly number[],
  cols: (s: number) => number,
): number {
  const patient = model.patients[p];
  const S = model.slots.length;
  const hours = slots.map((s) => [cols(s), model.slots[s].hours] as const);
  const unmet = mip.col(`u_${p}`, weights["unmet-hours"], 0, Infinity, false);
  mip.row(`need_${p}`, [...hours, [unmet, 1]], patient.required, Infinity);
  mip.row(`band_${p}`, hours, -Infinity, bandCeiling(patient));
  mip.row(
    `week_${p}`,
    slots.map((s) => [cols(s), 1] as const),
    -Infinity,
    patient.maxSessionsPerWeek,
  );
  const billable: number[] = [];
  for (let d = 0; d < 7; d++) {
    const today = slots.filter((s) => model.slots[s].day === d);
    if (today.length === 0) continue;
    const ones = today.map((s) => [cols(s), 1] as const);
    const hrs = today.map((s) => [cols(s), model.slots[s].hours] as const);
    mip.row(`day_${p}_${d}`, ones, -Infinity, patient.maxSessionsPerDay);
    mip.row(`dayh_${p}_${d}`, hrs, -Infinity, patient.maxHoursPerDay);
    for (let i = 0; i < today.length; i++) {
      for (let j = i + 1; j < today.length; j++) {
        if (model.conflict[today[i] * S + today[j]])
          mip.row(
            `olap_${p}_${today[i]}_${today[j]}`,
            [
              [cols(today[i]), 1],
              [cols(today[j]), 1],
            ],
            -Infinity,
            1,
          );
      }
    }
    if (patient.minDays > 0) {
      const b = mip.col(`b_${p}_${d}`, 0, 0, 1, true);
      billable.push(b);
      mip.row(`bsess_${p}_${d}`, [[b, 1], ...ones.map(([c]) => [c, -1] as const)], -Infinity, 0);
      if (patient.minHoursPerDay > 0)
        mip.row(`bhours_${p}_${d}`, [[b, patient.minHoursPerDay], ...hrs.map(([c, h]) => [c, -h] as const)], -Infinity, 0);
    }
  }
  if (patient.minDays > 0) {
    const shortDays = mip.col(`ud_${p}`, weights["unmet-days"], 0, Infinity, false);
    mip.row(`days_${p}`, [...billable.map((b) => [b, 1] as const), [shortDays, 1]], patient.minDays, Infinity);
  }
  return unmet;
}

/** Sets of tracks whose leads are counted together (Hall's condition): every set for a few tracks, else each and all. */
export function trackSets(T: number): number[][] {
  const all = Array.from({ length: T }, (_, t) => t);
  if (T > 4) return [...all.map((t) => [t]), all];
  return Array.from({ length: (1 << T) - 1 }, (_, m) => all.filter((t) => (m + 1) & (1 << t)));
}

/** Sets of slots that all overlap one moment (the starts of slots): at most one group per lead or room in each. */
export function timeCliques(model: Model): number[][] {
  const seen = new Set<string>();
  const cliques: number[][] = [];
  for (const a of model.slots) {
    const at = a.interval.start;
    const clique = model.slots.flatMap((b, s) => (b.interval.start <= at && at < b.interval.end ? [s] : []));
    const key = clique.join();
    if (!seen.has(key)) {
      seen.add(key);
      cliques.push(clique);
    }
  }
  return cliques;
}
