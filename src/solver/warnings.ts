// What the scenario rules out before any search: facilitators who can lead nothing, slots nobody can staff, and
// patients no slot can take. Said at load time, so a coordinator fixes the data instead of reading the roster.
import type { Warning } from "../domain/index.js";
import { slotLabel } from "./explain.js";
import { type Model, canLeadIn } from "./model.js";

function facilitatorWarning(model: Model, f: number): Warning | null {
  const fac = model.facilitators[f];
  const input = model.scenario.facilitators[f];
  // A clinician who leads no groups by choice (one-to-one sessions only) is not a staffing problem.
  if (input.tracks.length === 0) return null;
  const S = model.slots.length;
  const T = model.tracks.length;
  for (let s = 0; s < S; s++) for (let t = 0; t < T; t++) if (model.slotAllowsTrack[s * T + t] && canLeadIn(model, f, s, t)) return null;
  const credentialed = model.program.tracks.filter(
    (t) => input.tracks.includes(t.id) && t.credentials.some((c) => input.credentials.includes(c)),
  );
  let why: string;
  if (credentialed.length === 0) {
    const accepted = model.program.tracks
      .filter((t) => input.tracks.includes(t.id))
      .map((t) => `${t.label} takes ${t.credentials.join(", ")}`);
    why = `none of their credentials (${input.credentials.join(", ")}) is accepted by their tracks (${accepted.join("; ")}); set clinic.trackCredentials if the state licenses it`;
  } else if (!fac.available.some((a) => a === 1)) {
    why = "their availability covers none of the clinic's group times whole";
  } else {
    why = "no group time they are available for hosts a track and topic they may lead";
  }
  return { code: "facilitator-leads-nothing", subject: fac.id, message: `${fac.id} can lead no group: ${why}` };
}

function slotWarning(model: Model, s: number): Warning | null {
  const T = model.tracks.length;
  for (let t = 0; t < T; t++) {
    if (!model.slotAllowsTrack[s * T + t]) continue;
    for (let f = 0; f < model.facilitators.length; f++) if (canLeadIn(model, f, s, t)) return null;
  }
  const id = model.slots[s].id;
  return {
    code: "slot-unstaffable",
    subject: id,
    message: `${id} (${slotLabel(model, s)}): no facilitator is available for all of it and credentialed for a track it hosts`,
  };
}

/** Why no group time can take a patient, by the first cause that holds: not yet admitted, too few peers, windows. */
function noSlotCause(model: Model, patient: Model["patients"][number]): string {
  if (patient.weekOfStay === 0) return "admitted after this week: no group time this week (the waitlist says when)";
  if (patient.thinList.length > 0) {
    const min = model.tracks[patient.track].min;
    return `their group times (${patient.thinList.map((s) => slotLabel(model, s)).join(", ")}) are open to too few patients of their track and level to reach a group's minimum of ${min}`;
  }
  return "no group time fits their windows, level and track (the waitlist says which)";
}

/**
 * The fewest hours a week that make the level's billable days from the group times the patient can reach: per
 * day, the smallest set of its group times (not overlapping, within the level's sessions and hours a day) that
 * reaches the day's hours; the cheapest days first. Infinity when too few days can be made billable at all.
 */
function hoursForDayRule(model: Model, p: number): number {
  const patient = model.patients[p];
  const S = model.slots.length;
  const costs: number[] = [];
  for (let d = 0; d < 7; d++) {
    const day = patient.feasibleList.filter((s) => model.slots[s].day === d);
    let best = Infinity;
    for (let mask = 1; mask < 1 << day.length; mask++) {
      const chosen = day.filter((_, i) => mask & (1 << i));
      if (chosen.length > patient.maxSessionsPerDay) continue;
      if (chosen.some((a, i) => chosen.some((b, j) => j > i && model.conflict[a * S + b]))) continue;
      const hours = chosen.reduce((h, s) => h + model.slots[s].hours, 0);
      if (hours + 1e-9 >= patient.minHoursPerDay && hours <= patient.maxHoursPerDay + 1e-9) best = Math.min(best, hours);
    }
    costs.push(best);
  }
  costs.sort((a, b) => a - b);
  return costs.slice(0, patient.minDays).reduce((h, c) => h + c, 0);
}

/** A plan whose hours cannot make the level's billable days with the group times at hand (PHP at 20 h on 5-hour days). */
function dayRuleWarning(model: Model, p: number): Warning | null {
  const patient = model.patients[p];
  if (patient.minDays === 0 || patient.minHoursPerDay === 0) return null;
  const need = hoursForDayRule(model, p);
  if (!Number.isFinite(need) || need <= patient.required + 1e-9) return null;
  return {
    code: "plan-below-day-rule",
    subject: patient.id,
    message: `${patient.id}: the plan's ${patient.required} h cannot make ${patient.minDays} billable days of ${patient.minHoursPerDay} h (${patient.levelLabel}) from the group times they can reach: that takes ${Math.round(need * 100) / 100} h; the roster books up to the band's ${patient.maxHours} h for the days, or set targetHours`,
  };
}

export function loadWarnings(model: Model): Warning[] {
  const out: Warning[] = [];
  model.facilitators.forEach((_, f) => {
    const w = facilitatorWarning(model, f);
    if (w) out.push(w);
  });
  model.slots.forEach((_, s) => {
    const w = slotWarning(model, s);
    if (w) out.push(w);
  });
  model.patients.forEach((patient, p) => {
    if (patient.feasibleList.length === 0)
      out.push({ code: "patient-no-slot", subject: patient.id, message: `${patient.id}: ${noSlotCause(model, patient)}` });
    const plan = dayRuleWarning(model, p);
    if (plan) out.push(plan);
  });
  return out;
}
