// What the scenario's windows, slots and dates mean as instants in the clinic's week.
import { DateTime } from "luxon";
import type { HourBand, LevelOfCare, ProgramModel, Track } from "./program.js";
import type { Facilitator, Patient, Scenario, Slot, WeeklyWindow } from "./scenario.js";
import { type Interval, dailyInterval, daysBetween, describeDays, localMillis, weekdayIndex } from "./time.js";

/** A group slot's or a family-group time's interval: its day and clock times in the clinic's week. */
export function slotInterval(scenario: Scenario, slot: Pick<Slot, "day" | "start" | "end">): Interval {
  return dailyInterval(scenario.clinic.weekStart, scenario.clinic.timeZone, weekdayIndex(slot.day), slot.start, slot.end);
}

/** Every occurrence of weekly windows that can touch the week: Sunday-night shifts of the week before included. */
function weeklyOccurrences(scenario: Scenario, windows: readonly WeeklyWindow[], padMinutes: number): Interval[] {
  const pad = padMinutes * 60_000;
  const out: Interval[] = [];
  for (const w of windows) {
    for (const day of w.days) {
      for (const offset of [weekdayIndex(day) - 7, weekdayIndex(day)]) {
        const i = dailyInterval(scenario.clinic.weekStart, scenario.clinic.timeZone, offset, w.start, w.end);
        out.push({ start: i.start - pad, end: i.end + pad });
      }
    }
  }
  return out;
}

/** When a patient cannot be in a group: work, school, childcare, one-offs (each widened by travel), and before admission. */
export function patientBusy(scenario: Scenario, patient: Patient): Interval[] {
  return patientWindows(scenario, patient).flatMap((w) => w.intervals);
}

/**
 * Each of a patient's windows with its instants, and as a coordinator writes it ("work Mon–Fri 08:00–17:30 (+30 min
 * travel)"): the text only when asked, since the solver reads the instants of every patient and the text of few.
 */
export function patientWindows(scenario: Scenario, patient: Patient): { readonly text: () => string; readonly intervals: Interval[] }[] {
  const zone = scenario.clinic.timeZone;
  const travel = patient.travelBufferMinutes > 0 ? ` (+${patient.travelBufferMinutes} min travel)` : "";
  const pad = patient.travelBufferMinutes * 60_000;
  const windows = patient.unavailable.map((w) => ({
    text: () => `${w.kind === "other" ? "unavailable" : w.kind} ${describeDays(w.days)} ${w.start}–${w.end}${travel}`,
    intervals: weeklyOccurrences(scenario, [w], patient.travelBufferMinutes),
  }));
  for (const w of patient.oneOff) {
    const start = DateTime.fromISO(w.start, { zone });
    const end = DateTime.fromISO(w.end, { zone });
    windows.push({
      text: () =>
        `${w.kind === "other" ? "appointment" : w.kind} ${start.toFormat("ccc d LLL HH:mm")}–${end.toFormat(end.hasSame(start, "day") ? "HH:mm" : "ccc d LLL HH:mm")}`,
      intervals: [{ start: start.toMillis() - pad, end: end.toMillis() + pad }],
    });
  }
  if (patient.admissionDate > scenario.clinic.weekStart) {
    windows.push({
      text: () => `admitted ${DateTime.fromISO(patient.admissionDate).toFormat("ccc d LLL")}`,
      intervals: [{ start: Number.MIN_SAFE_INTEGER, end: localMillis(patient.admissionDate, zone, 0, "00:00") }],
    });
  }
  return windows;
}

export function facilitatorAvailable(scenario: Scenario, facilitator: Facilitator): Interval[] {
  return weeklyOccurrences(scenario, facilitator.availability, 0);
}

export function within(inner: Interval, outer: readonly Interval[]): boolean {
  return outer.some((o) => o.start <= inner.start && inner.end <= o.end);
}

/** 1 in the week of admission, 2 the week after, …; 0 if admitted after this week. */
export function weekOfStay(scenario: Scenario, patient: Patient): number {
  const days = daysBetween(patient.admissionDate, scenario.clinic.weekStart);
  return days < -6 ? 0 : Math.floor(days / 7) + 1 + (days < 0 ? 1 : 0);
}

export interface Requirement {
  readonly level: LevelOfCare;
  readonly track: Track;
  readonly band: HourBand;
  readonly hours: number;
}

export function requirementOf(program: ProgramModel, patient: Patient): Requirement {
  const level = program.levels.find((l) => l.id === patient.level);
  const track = program.tracks.find((t) => t.id === patient.track);
  if (!level || !track) throw new Error("requirementOf: scenario was not validated");
  const band = level.bands[track.ageBand];
  return { level, track, band, hours: patient.targetHours ?? band.defaultHours };
}

/** Above the band's maximum (strictly at it, for "under 9 h" bands). */
export function exceedsBand(band: HourBand, hours: number): boolean {
  const eps = 1e-9;
  return band.maxExclusive ? hours >= band.maxHours - eps : hours > band.maxHours + eps;
}

/**
 * Pins that cannot hold whatever the solve does, named by both paths and never by their values: a patient's
 * pinned group time inside one of their windows (a new work shift, say), a pinned lead not available then or
 * not leading that track. Pins that only collide with each other (one lead pinned twice at once) surface as
 * violations of the rule "pins" instead.
 */
export function pinConflicts(scenario: Scenario): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  const slots = new Map(scenario.slots.map((s) => [s.id, s]));
  scenario.pins?.forEach((pin, i) => {
    const slot = slots.get(pin.slotId);
    if (!slot) return;
    const when = slotInterval(scenario, slot);
    if (pin.kind === "patient") {
      const p = scenario.patients.findIndex((x) => x.id === pin.patientId);
      if (p < 0) return;
      const patient = scenario.patients[p];
      const hit = patientWindows(scenario, patient).findIndex((w) => w.intervals.some((b) => b.start < when.end && when.start < b.end));
      if (hit < 0) return;
      const u = patient.unavailable.length;
      const o = patient.oneOff.length;
      const where = hit < u ? `unavailable[${hit}]` : hit < u + o ? `oneOff[${hit - u}]` : "admissionDate";
      out.push({ path: ["pins", i], message: `this pin cannot hold: its group time collides with patients[${p}].${where}` });
      return;
    }
    if (pin.facilitatorId === undefined) return;
    const f = scenario.facilitators.findIndex((x) => x.id === pin.facilitatorId);
    if (f < 0) return;
    if (!scenario.facilitators[f].tracks.includes(pin.track))
      return void out.push({ path: ["pins", i], message: `this pin cannot hold: facilitators[${f}] does not lead that track` });
    const available = facilitatorAvailable(scenario, scenario.facilitators[f]);
    if (!available.some((a) => a.start <= when.start && when.end <= a.end))
      out.push({ path: ["pins", i], message: `this pin cannot hold: facilitators[${f}] is not available at its group time` });
  });
  return out;
}
