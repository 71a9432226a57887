// The patient-level objective terms, one named function each; the weights live in domain/objective.ts.
import type { Model, PatientM } from "./model.js";

/** What the search needs to see of the roster for one patient's terms. */
export interface PatientView {
  readonly groups: readonly { slot: number; topic: number; fac: number; alive: boolean }[];
  readonly pGroups: readonly (readonly number[])[];
  readonly pHours: Float64Array;
}

/** The patient terms in a fixed order: the state keeps their weights and tiers in arrays of this order. */
export const PATIENT_TERM_IDS = [
  "unmet-hours",
  "unmet-days",
  "patients-short",
  "extra-hours",
  "topic-repeat",
  "topic-completed",
  "topic-out-of-reach",
  "make-up",
  "part-preference",
  "facilitator-continuity",
  "back-to-back-days",
  "cohort-change",
] as const;

export type PatientTermValues = Record<(typeof PATIENT_TERM_IDS)[number], number>;

/** Where each term sits in PATIENT_TERM_IDS. */
const at = Object.fromEntries(PATIENT_TERM_IDS.map((id, i) => [id, i])) as PatientTermValues;

const EPS = 1e-6;

/** Hours short of the required weekly hours. */
export function unmetHours(patient: PatientM, hours: number): number {
  const short = patient.required - hours;
  return short > EPS ? short : 0;
}

/** Hours scheduled beyond the required weekly hours. */
export function extraHours(patient: PatientM, hours: number): number {
  const extra = hours - patient.required;
  return extra > EPS ? extra : 0;
}

/** Billable days missing: days with at least the level's hours per day, against its minimum days. */
export function unmetDays(patient: PatientM, hoursByDay: Float64Array): number {
  let billable = 0;
  for (let d = 0; d < 7; d++) if (hoursByDay[d] > EPS && hoursByDay[d] + EPS >= patient.minHoursPerDay) billable++;
  return Math.max(0, patient.minDays - billable);
}

// The terms below read a patient's week from lists of which the first `n` entries count: the search keeps one
// scratch list per field and writes each patient's few sessions over it, so nothing is allocated per call.

/** Sessions on a topic the patient already hears earlier in the week. */
export function topicRepeats(topics: readonly number[], n = topics.length): number {
  return n - distinct(topics, n);
}

/** Distinct values of a patient's few sessions: a scan beats a Set at a week's handful. */
function distinct(xs: readonly number[], n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = xs[j] === xs[i];
    if (!seen) count++;
  }
  return count;
}

function holds(xs: readonly number[], n: number, x: number): boolean {
  for (let i = 0; i < n; i++) if (xs[i] === x) return true;
  return false;
}

/** Sessions on topics the patient completed before this week. */
export function completedTopics(patient: PatientM, topics: readonly number[], n = topics.length): number {
  let count = 0;
  for (let i = 0; i < n; i++) count += patient.completed[topics[i]];
  return count;
}

/**
 * Topics the patient has yet to hear that no longer fit in their planned stay: still needed after this week, beyond
 * what the weeks left hold at their level's pace (each session one topic).
 */
export function topicsOutOfReach(patient: PatientM, topics: readonly number[], n = topics.length): number {
  // Far from discharge everything still fits, whatever this week holds: the common case, answered without a loop.
  if (patient.weeksLeft === null || patient.toHear.length <= patient.pace * (patient.weeksLeft - 1)) return 0;
  let needed = 0;
  for (const k of patient.toHear) if (!holds(topics, n, k)) needed++;
  return Math.max(0, needed - patient.pace * (patient.weeksLeft - 1));
}

/** Topics missed last week that no group of this week makes up. */
export function makeUpsMissed(patient: PatientM, topics: readonly number[], n = topics.length): number {
  let missed = 0;
  for (const k of patient.makeUps) if (!holds(topics, n, k)) missed++;
  return missed;
}

/** Sessions in the part of the day the patient did not ask for. */
export function offPreference(patient: PatientM, parts: readonly string[], n = parts.length): number {
  if (patient.preference === "any") return 0;
  let off = 0;
  for (let i = 0; i < n; i++) if (parts[i] !== patient.preference) off++;
  return off;
}

/** Facilitators beyond the first that a patient sees in the week. */
export function extraFacilitators(facs: readonly number[], n = facs.length): number {
  return n === 0 ? 0 : distinct(facs, n) - 1;
}

/** Last week's groups (time and lead) the patient does not keep: `slots[i]` led by `facs[i]` this week. */
export function cohortChanges(patient: PatientM, slots: readonly number[], facs: readonly number[], n = slots.length): number {
  let changed = 0;
  for (const prev of patient.previous) {
    let kept = false;
    for (let i = 0; i < n && !kept; i++) kept = slots[i] === prev.slot && facs[i] === prev.fac;
    if (!kept) changed++;
  }
  return changed;
}

/** Consecutive-day pairs beyond the fewest the patient's open days allow for that many session days. */
export function avoidableBackToBack(patient: PatientM, hoursByDay: Float64Array): number {
  let days = 0;
  let pairs = 0;
  for (let d = 0; d < 7; d++) {
    if (hoursByDay[d] <= EPS) continue;
    days++;
    if (d > 0 && hoursByDay[d - 1] > EPS) pairs++;
  }
  return Math.max(0, pairs - (patient.minAdjacentPairs[days] ?? 0));
}

// Scratch for one patient's week: the search scores a patient on every change, so nothing is allocated per call.
const hoursByDay = new Float64Array(7);
const topics: number[] = [];
const facs: number[] = [];
const parts: string[] = [];
const slots: number[] = [];

/** Every patient term of p, written into `out` in PATIENT_TERM_IDS order. */
export function patientTermsInto(model: Model, view: PatientView, p: number, out: Float64Array): void {
  const patient = model.patients[p];
  hoursByDay.fill(0);
  const groups = view.pGroups[p];
  const n = groups.length;
  for (let i = 0; i < n; i++) {
    const group = view.groups[groups[i]];
    const slot = model.slots[group.slot];
    topics[i] = group.topic;
    facs[i] = group.fac;
    parts[i] = slot.part;
    slots[i] = group.slot;
    hoursByDay[slot.day] += slot.hours;
  }
  const hours = view.pHours[p];
  const short = unmetHours(patient, hours);
  const shortDays = unmetDays(patient, hoursByDay);
  out[at["unmet-hours"]] = short;
  out[at["unmet-days"]] = shortDays;
  out[at["patients-short"]] = short > 0 || shortDays > 0 ? 1 : 0;
  out[at["extra-hours"]] = extraHours(patient, hours);
  out[at["topic-repeat"]] = topicRepeats(topics, n);
  out[at["topic-completed"]] = patient.anyCompleted ? completedTopics(patient, topics, n) : 0;
  out[at["topic-out-of-reach"]] = topicsOutOfReach(patient, topics, n);
  out[at["make-up"]] = patient.makeUps.length === 0 ? 0 : makeUpsMissed(patient, topics, n);
  out[at["part-preference"]] = offPreference(patient, parts, n);
  out[at["facilitator-continuity"]] = extraFacilitators(facs, n);
  out[at["back-to-back-days"]] = avoidableBackToBack(patient, hoursByDay);
  out[at["cohort-change"]] = patient.previous.length === 0 ? 0 : cohortChanges(patient, slots, facs, n);
}

const values = new Float64Array(PATIENT_TERM_IDS.length);

/** Every patient term of p by id, for reports. */
export function patientTerms(model: Model, view: PatientView, p: number): PatientTermValues {
  patientTermsInto(model, view, p, values);
  return Object.fromEntries(PATIENT_TERM_IDS.map((id, i) => [id, values[i]])) as unknown as PatientTermValues;
}
