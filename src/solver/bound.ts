// A provably valid lower bound on the objective, from each patient's capacity-free reach and the fewest groups
// that can carry the hours a track must get. Every other term is bounded by zero.
import type { Weights } from "../domain/index.js";
import { type Model, weekPattern } from "./model.js";
import { unmetDaysByStaff, unmetHoursBound } from "./capacity-bound.js";
import { type Reach, reachOf } from "./reach.js";

export interface Bounds {
  readonly reach: Reach[];
  /** No valid roster scores less on the weighted objective (all tiers). */
  readonly bound: number;
  /** No valid roster leaves fewer hours unmet. */
  readonly unmetHours: number;
  /** No valid roster leaves fewer billable days short: each patient's days no group time they can reach makes billable. */
  readonly unmetDays: number;
  /** No valid roster leaves fewer patients short: those short of hours or days whatever the roster. */
  readonly patientsShort: number;
}

/** Every patient's reach and the bounds built on them: every engine reports the same bounds. */
export function reachAndBound(model: Model, weights: Weights): Bounds {
  const byPattern = new Map<string, Reach>();
  const reach = model.patients.map((patient, p) => {
    const key = weekPattern(patient);
    let found = byPattern.get(key);
    if (!found) byPattern.set(key, (found = reachOf(model, p)));
    return found;
  });
  const unmetHours = unmetHoursBound(model, reach);
  return {
    reach,
    bound: lowerBound(model, reach, weights, unmetHours),
    unmetHours,
    unmetDays: unmetDaysBound(model, reach, unmetHours),
    patientsShort: model.patients.filter((patient, p) => shortByReach(patient, reach[p])).length,
  };
}

/** Short of hours or billable days whatever the roster: their own windows and rules do not reach the plan. */
const shortByReach = (patient: Model["patients"][number], reach: Reach): boolean =>
  daysOutOfReach(patient, reach) > 0 || reach.hours + 1e-6 < patient.required;

/** The medium tier no roster goes below when its hours and its days are each at least their bound. */
export const mediumFloor = (weights: Weights, unmetHours: number, unmetDays: number): number =>
  weights["unmet-hours"] * unmetHours + weights["unmet-days"] * unmetDays;

/** A patient's billable days that no group time within their reach can make. */
const daysOutOfReach = (patient: Model["patients"][number], reach: Reach): number => Math.max(0, patient.minDays - reach.billableDays);

/**
 * Billable days short that no roster avoids, from the counts that cost next to nothing: every patient's days out of
 * reach, or, when more, the days that the hours no roster can serve (`unmetHours`, the staff and rooms bound) must
 * cost. `unmetDaysByStaff` (two more flows) may prove more; the solve asks it only when these do not prove its roster.
 */
export function unmetDaysBound(model: Model, reach: readonly Reach[], unmetHours: number): number {
  const outOfReach = model.patients.reduce((n, patient, p) => n + daysOutOfReach(patient, reach[p]), 0);
  return Math.max(outOfReach, daysForUnmetHours(model, unmetHours));
}

/** Every days bound there is: the counts above and the days the staff's and rooms' hours cannot make. */
export function fullDaysBound(model: Model, reach: readonly Reach[], unmetHours: number): number {
  return Math.max(unmetDaysBound(model, reach, unmetHours), unmetDaysByStaff(model, reach));
}

/**
 * Billable days short in any roster that leaves `unmetHours` unmet. A billable day holds at least the level's hours
 * for a day, so a patient served h hours has at most ⌊h / minHoursPerDay⌋ of them: each hour short beyond the hours
 * their plan holds over its days (required − minDays · minHoursPerDay) costs them 1 / minHoursPerDay of a day. The
 * hours fall where they cost least — on patients without a day rule, on those spare hours, then on the patients with
 * the longest days — and that least cost, rounded up, is the bound.
 */
export function daysForUnmetHours(model: Model, unmetHours: number): number {
  let free = 0;
  const costly: { hours: number; perDay: number }[] = [];
  for (const p of model.patients) {
    if (p.minDays === 0 || p.minHoursPerDay <= 0) {
      free += p.required;
      continue;
    }
    const daysWorth = Math.min(p.required, p.minDays * p.minHoursPerDay);
    free += p.required - daysWorth;
    costly.push({ hours: daysWorth, perDay: p.minHoursPerDay });
  }
  let left = unmetHours - free;
  let days = 0;
  for (const c of costly.sort((a, b) => b.perDay - a.perDay)) {
    if (left <= 1e-9) break;
    const taken = Math.min(left, c.hours);
    days += taken / c.perDay;
    left -= taken;
  }
  return Math.max(0, Math.ceil(days - 1e-6));
}

/**
 * Per track: the hours the roster could serve are at most A = Σ min(required, reach). Serving X ≤ A of them costs
 * at least unmet·(R − X) + groups·⌈X / (cap·H)⌉, H the track's longest slot. Between whole numbers of full groups
 * that falls with X, and at k full groups it is linear in k, so its minimum is at X = 0, at the most full groups
 * below A, or at A. The unmet hours alone are bounded by the capacity flows too; the larger bound holds.
 */
export function lowerBound(model: Model, reach: readonly Reach[], weights: Weights, unmetHoursBound: number): number {
  const T = model.tracks.length;
  const required = new Float64Array(T);
  const servable = new Float64Array(T);
  let fixed = 0;
  model.patients.forEach((patient, p) => {
    required[patient.track] += patient.required;
    servable[patient.track] += Math.min(patient.required, reach[p].hours);
    fixed += weights["unmet-days"] * daysOutOfReach(patient, reach[p]);
    if (shortByReach(patient, reach[p])) fixed += weights["patients-short"];
  });
  let bound = 0;
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
    bound += Math.min(unmet(0), atA, atFull);
  }
  return fixed + Math.max(bound, weights["unmet-hours"] * unmetHoursBound);
}
