// Why a patient is short of hours, in the words a coordinator would use on the phone with them.
import { DateTime } from "luxon";
import { describeDays } from "../domain/index.js";
import { facilitatorFree, levelAllowsAnother, patientFreeAt, roomFree } from "./constraints.js";
import type { Model } from "./model.js";
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

/** The patient's own constraints as they told them: "work Mon–Fri 08:00–17:30 (+30 min travel)". */
function windowsText(model: Model, p: number): string {
  const patient = model.scenario.patients[p];
  const zone = model.scenario.clinic.timeZone;
  const travel = patient.travelBufferMinutes > 0 ? ` (+${patient.travelBufferMinutes} min travel)` : "";
  const parts = patient.unavailable.map((w) => `${w.kind === "other" ? "unavailable" : w.kind} ${describeDays(w.days)} ${w.start}–${w.end}${travel}`);
  for (const w of patient.oneOff) {
    const start = DateTime.fromISO(w.start, { zone });
    const end = DateTime.fromISO(w.end, { zone });
    parts.push(`${w.kind === "other" ? "appointment" : w.kind} ${start.toFormat("ccc d LLL HH:mm")}–${end.toFormat(end.hasSame(start, "day") ? "HH:mm" : "ccc d LLL HH:mm")}`);
  }
  if (patient.admissionDate > model.scenario.clinic.weekStart) {
    parts.push(`admitted ${DateTime.fromISO(patient.admissionDate).toFormat("ccc d LLL")}`);
  }
  return parts.join("; ");
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

/** Why one slot the patient could attend did not take them. */
function slotReason(state: State, p: number, s: number): string | null {
  const { model } = state;
  const patient = model.patients[p];
  const label = slotLabel(model, s);
  if (state.pGroups[p].some((g) => state.groups[g].slot === s)) return null;
  if (!patientFreeAt(state, p, s)) return null;
  if (!levelAllowsAnother(state, p, s)) return `${label} would break the ${patient.levelLabel} day or band rule`;
  const groups = state.slotGroups[s].filter((g) => state.groups[g].track === patient.track);
  if (groups.length > 0) {
    const g = groups[0];
    const size = state.groups[g].members.length;
    const cap = state.capacity(g);
    if (size >= cap) return `${label} group${groups.length > 1 ? "s" : ""} full (${size}/${cap})`;
    return `${label} group is on a topic for another stage of stay (${model.topics[state.groups[g].topic].title})`;
  }
  const facFree = model.facilitators.some((f, i) => f.leadsTrack[patient.track] && facilitatorFree(state, i, s));
  if (!facFree) return `${label}: no facilitator for this track is free`;
  const roomOk = model.rooms.some((_, r) => roomFree(state, r, s, model.tracks[patient.track].min));
  if (!roomOk) return `${label}: no room is free`;
  return `${label}: too few patients can come to open a group (minimum ${model.tracks[patient.track].min})`;
}

export function explainShortfall(state: State, p: number, reach: Reach): string {
  const { model } = state;
  const patient = model.patients[p];
  if (reach.hours + 1e-6 < patient.required || reach.billableDays < patient.minDays) return availabilityReason(model, p);
  const reasons = patient.feasibleList.map((s) => slotReason(state, p, s)).filter((r): r is string => r !== null);
  const windows = windowsText(model, p);
  const got = `${windows ? `${windows}; ` : ""}gets ${hoursText(state.pHours[p])} of ${hoursText(patient.required)}`;
  if (reasons.length === 0) return `${got}; every group within reach is already in the week; ${needText(model, p)}`;
  return `${got}; ${reasons.join("; ")}`;
}
