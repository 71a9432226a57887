// What a patient could get at best if every group they can reach met and had room: the capacity-free optimum
// of their week. It drives both the lower bound and the "why" of a shortfall.
import type { Model } from "./model.js";

export interface Reach {
  /** Most hours the patient's windows, day rules and band allow. */
  readonly hours: number;
  /** Most billable days (days with at least the level's hours per day). */
  readonly billableDays: number;
}

const EPS = 1e-9;

/**
 * Per day, the most hours for each number of sessions, from slots of that day that do not overlap: a dynamic
 * programme over the slots in end order (the last one taken), so any number of slots a day is covered.
 */
export function dayOptions(model: Model, slots: readonly number[], maxSessions: number, maxHours: number): Map<number, number> {
  const S = model.slots.length;
  const order = [...slots].sort((a, b) => model.slots[a].interval.end - model.slots[b].interval.end);
  // ending[i]: every (sessions, hours) reachable with order[i] as the last session taken.
  const ending: Map<number, Set<number>>[] = [];
  const best = new Map<number, number>();
  order.forEach((s, i) => {
    const hours = model.slots[s].hours;
    const here = new Map<number, Set<number>>();
    const put = (count: number, total: number) => {
      if (count > maxSessions || total > maxHours + EPS) return;
      const set = here.get(count) ?? new Set<number>();
      set.add(Math.round(total * 1e6) / 1e6);
      here.set(count, set);
      best.set(count, Math.max(best.get(count) ?? 0, total));
    };
    put(1, hours);
    for (let j = 0; j < i; j++) {
      if (model.conflict[order[j] * S + s]) continue;
      for (const [count, totals] of ending[j]) for (const total of totals) put(count + 1, total + hours);
    }
    ending.push(here);
  });
  return best;
}

/**
 * The sets of group times of `today` (one day's) patient p may take together: no two overlapping, within the level's
 * sessions and hours a day. Null when there are more than `most`.
 */
export function dayBundles(model: Model, p: number, today: readonly number[], most: number): number[][] | null {
  const patient = model.patients[p];
  const S = model.slots.length;
  const out: number[][] = [];
  const grow = (from: number, taken: number[], hours: number): boolean => {
    for (let i = from; i < today.length; i++) {
      const s = today[i];
      const h = hours + model.slots[s].hours;
      if (h > patient.maxHoursPerDay + EPS || taken.some((o) => model.conflict[o * S + s])) continue;
      const next = [...taken, s];
      out.push(next);
      if (out.length > most) return false;
      if (next.length < patient.maxSessionsPerDay && !grow(i + 1, next, h)) return false;
    }
    return true;
  };
  return grow(0, [], 0) ? out : null;
}

export function reachOf(model: Model, p: number): Reach {
  const patient = model.patients[p];
  const byDay: number[][] = Array.from({ length: 7 }, () => []);
  for (const s of patient.feasibleList) byDay[model.slots[s].day].push(s);
  const cap = patient.maxExclusive ? patient.maxHours - 1e-6 : patient.maxHours;
  // Achievable (sessions → set of hour totals), day by day; hours above the band are dropped.
  let totals = new Map<number, Set<number>>([[0, new Set([0])]]);
  let billableDays = 0;
  for (const slots of byDay) {
    if (slots.length === 0) continue;
    const options = dayOptions(model, slots, patient.maxSessionsPerDay, patient.maxHoursPerDay);
    if ([...options.values()].some((h) => h > EPS && h + EPS >= patient.minHoursPerDay)) billableDays++;
    const next = new Map<number, Set<number>>();
    for (const [sessions, hoursSet] of totals) {
      for (const h of hoursSet) {
        const add = (c: number, v: number) => {
          if (c > patient.maxSessionsPerWeek || v > cap + EPS) return;
          const set = next.get(c) ?? new Set<number>();
          set.add(Math.round(v * 1e6) / 1e6);
          next.set(c, set);
        };
        add(sessions, h);
        for (const [count, hours] of options) add(sessions + count, h + hours);
      }
    }
    totals = next;
  }
  let hours = 0;
  for (const set of totals.values()) for (const h of set) hours = Math.max(hours, h);
  return { hours, billableDays: Math.min(billableDays, patient.maxSessionsPerWeek) };
}
