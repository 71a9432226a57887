// A provably valid lower bound on the objective, from each patient's capacity-free reach and the fewest groups
// that can carry the hours a track must get. Every other term is bounded by zero.
import type { Weights } from "../domain/index.js";
import type { Model } from "./model.js";
import { type Reach, reachOf } from "./reach.js";

/** Every patient's reach and the bound built on them: both engines report the same bound. */
export function reachAndBound(model: Model, weights: Weights): { reach: Reach[]; bound: number } {
  const reach = model.patients.map((_, p) => reachOf(model, p));
  return { reach, bound: lowerBound(model, reach, weights) };
}

/**
 * Per track: the hours the roster could serve are at most A = Σ min(required, reach). Serving X ≤ A of them costs
 * at least unmet·(R − X) + groups·⌈X / (cap·H)⌉, H the track's longest slot. That is smallest at X = A or at the
 * largest whole number of full groups below A, so the minimum of those two is a bound.
 */
export function lowerBound(model: Model, reach: readonly Reach[], weights: Weights): number {
  const T = model.tracks.length;
  const required = new Float64Array(T);
  const servable = new Float64Array(T);
  let bound = 0;
  model.patients.forEach((patient, p) => {
    required[patient.track] += patient.required;
    servable[patient.track] += Math.min(patient.required, reach[p].hours);
    bound += weights["unmet-days"] * Math.max(0, patient.minDays - reach[p].billableDays);
  });
  for (let t = 0; t < T; t++) {
    let longest = 0;
    model.slots.forEach((slot, s) => {
      if (model.slotAllowsTrack[s * T + t]) longest = Math.max(longest, slot.hours);
    });
    const perGroup = model.tracks[t].max * longest;
    const A = servable[t];
    const unmet = (x: number) => weights["unmet-hours"] * Math.max(0, required[t] - x);
    if (perGroup <= 0 || A <= 1e-9) {
      bound += unmet(0);
      continue;
    }
    const full = Math.floor(A / perGroup - 1e-9);
    const atA = unmet(A) + weights["groups-opened"] * Math.ceil(A / perGroup - 1e-9);
    const atFull = unmet(full * perGroup) + weights["groups-opened"] * full;
    bound += Math.min(atA, atFull);
  }
  return bound;
}
