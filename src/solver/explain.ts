// Why a patient is short of hours, in the words a coordinator would use on the phone with them.
import { overlaps, patientWindows, weekInterval } from "../domain/index.js";
import { levelAllowsAnother, patientFreeAt, roomFree } from "./constraints.js";
import type { Model } from "./model.js";
import { OpeningMemo, chooseOpening } from "./open-group.js";
import type { Reach } from "./reach.js";
import type { State } from "./state.js";

const DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function hoursText(h: number): string {
  return `${Math.round(h * 100) / 100} h`;
}

export function slotLabel(model: Model, s: number): string {
  const slot = model.scenario.slots[s];
  return `${DAY[model.slots[s].day]} ${slot.start}–${slot.end}`;
}

/**
 * The patient's own constraints as they told them: "work Mon–Fri 08:00–17:30 (+30 min travel)"; a closure or
 * appointment of another week is not one of this week's.
 */
function windowsText(model: Model, p: number): string {
  const week = weekInterval(model.scenario);
  return patientWindows(model.scenario, model.scenario.patients[p])
    .filter((w) => w.intervals.some((i) => overlaps(i, week)))
    .map((w) => w.text())
    .join("; ");
}

function needText(model: Model, p: number): string {
  const patient = model.patients[p];
  const days = patient.minDays > 0 ? ` on at least ${patient.minDays} days` : "";
  // Name the session rule only where it bites: a weekly cap, or a day with two group times the patient could use.
  const slotDays = [...patient.feasibleList, ...patient.blockedList].map((s) => model.slots[s].day);
  const twoInADay = new Set(slotDays).size < slotDays.length;
  const rule =
    patient.maxSessionsPerWeek === 1 ? ", one group a week" : patient.maxSessionsPerDay === 1 && twoInADay ? ", one session a day" : "";
  return `needs ${hoursText(patient.required)}${days}${rule} (${patient.levelLabel})`;
}

/** The patient can never reach their hours: their windows leave too few groups. */
function availabilityReason(model: Model, p: number): string {
  const patient = model.patients[p];
  const track = model.tracks[patient.track].label;
  const windows = windowsText(model, p);
  const open = patient.feasibleList.map((s) => slotLabel(model, s));
  const parts: string[] = windows ? [windows] : [];
  if (open.length > 0) parts.push(`the only ${track} group times ${windows ? "outside those " : "for this level "}are ${open.join(", ")}`);
  else if (patient.thinList.length === 0) parts.push(`no ${track} group time ${windows ? "falls outside those" : "is open to this level"}`);
  if (patient.thinList.length > 0) {
    const thin = patient.thinList.map((s) => slotLabel(model, s)).join(", ");
    parts.push(`too few ${track} patients can come to ${thin} for a group to meet (minimum ${model.tracks[patient.track].min})`);
  }
  parts.push(needText(model, p));
  return parts.join("; ");
}

/** Why no qualified lead can take a group of the track in the slot: who leads something else, who is out of hours. */
function leadsText(state: State, track: number, s: number): string {
  const { model } = state;
  const S = model.slots.length;
  const hours = model.slots[s].hours;
  const label = model.tracks[track].label;
  let off = 0;
  const why = model.facilitators.flatMap((fac, f) => {
    if (!fac.leadsTrack[track]) return [];
    if (!fac.available[s]) return (void off++, []);
    const busy = state.facGroups[f].find((g) => model.conflict[s * S + state.groups[g].slot]);
    if (busy !== undefined) return [`${fac.id} leads ${model.tracks[state.groups[busy].track].label} then`];
    return [
      `${fac.id} has ${Math.round((fac.maxHours - state.facHours[f]) * 100) / 100} of ${fac.maxHours} weekly group hours left, ${hours} needed`,
    ];
  });
  if (why.length === 0) return off > 0 ? `none of the ${off} ${label} leads works then` : `no facilitator leads ${label}`;
  return [...why, ...(off > 0 ? [`${off} other${off > 1 ? "s" : ""} not working then`] : [])].join(", ");
}

/** Why one slot the patient could attend did not take them; a resource is blamed only if no re-staffing frees it. */
function slotReason(state: State, p: number, s: number, memo: OpeningMemo): string | null {
  const { model } = state;
  const patient = model.patients[p];
  const track = patient.track;
  const label = slotLabel(model, s);
  if (state.pGroups[p].some((g) => state.groups[g].slot === s)) return null;
  if (!patientFreeAt(state, p, s)) return null;
  if (!levelAllowsAnother(state, p, s)) return `${label} would break the ${patient.levelLabel} day or band rule`;
  const groups = state.groupsOf(s, track);
  const open = groups.find((g) => state.groups[g].members.length < state.capacity(g));
  if (open !== undefined) return `${label} group is on a topic for another stage of stay (${model.topics[state.groups[open].topic].title})`;
  const min = model.tracks[track].min;
  const canOpen = chooseOpening(state, s, track, [p], memo) !== null;
  if (canOpen) {
    const full =
      groups.length > 0
        ? `group${groups.length > 1 ? "s" : ""} full (${groups.map((g) => `${state.groups[g].members.length}/${state.capacity(g)}`).join(", ")}); `
        : "";
    const another = groups.length > 0 ? "another" : "a";
    // Only where it is so: when enough patients could come, the group was not worth opening for what it gives.
    // The same for every patient who asks about this time: counted once per explanation pass.
    const free = memo.once(`free ${s} ${track}`, () =>
      model.patients.reduce(
        (n, q, i) => n + (q.track === track && q.feasible[s] && patientFreeAt(state, i, s) && levelAllowsAnother(state, i, s) ? 1 : 0),
        0,
      ),
    );
    if (free < min) return `${label} ${full}too few patients can come to open ${another} group (minimum ${min})`;
    const day =
      patient.minDays > 0 && model.slots[s].hours < patient.minHoursPerDay
        ? `; alone it would not make the day billable (${patient.minHoursPerDay} h a day)`
        : "";
    return `${label} ${full}${another} group could meet (${free} patients can come), but the search found no better week with it${day}`;
  }
  const roomsBusy = !model.rooms.some((_, r) => roomFree(state, r, s, min));
  const reasons: string[] = [];
  if (groups.length > 0)
    reasons.push(
      `group${groups.length > 1 ? "s" : ""} full (${groups.map((g) => `${state.groups[g].members.length}/${state.capacity(g)} in ${model.rooms[state.groups[g].room].id}`).join(", ")})`,
    );
  if (roomsBusy) reasons.push(`every room that seats ${min} is in use`);
  else reasons.push(`no lead is free for ${groups.length > 0 ? "another" : "a"} group: ${leadsText(state, track, s)}`);
  return `${label} ${reasons.join("; ")}`;
}

export function explainShortfall(state: State, p: number, reach: Reach, memo = new OpeningMemo()): string {
  const { model } = state;
  const patient = model.patients[p];
  if (reach.hours + 1e-6 < patient.required || reach.billableDays < patient.minDays) return availabilityReason(model, p);
  const reasons = patient.feasibleList.map((s) => slotReason(state, p, s, memo)).filter((r): r is string => r !== null);
  const windows = windowsText(model, p);
  const got = `${windows ? `${windows}; ` : ""}gets ${hoursText(state.pHours[p])} of ${hoursText(patient.required)}`;
  if (reasons.length === 0) return `${got}; every group within reach is already in the week; ${needText(model, p)}`;
  return `${got}; ${reasons.join("; ")}`;
}
