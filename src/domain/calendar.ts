// What the scenario's windows, slots and dates mean as instants in the clinic's week.
import { DateTime } from "luxon";
import type { HourBand, LevelOfCare, ProgramModel, Track } from "./program.js";
import type { Facilitator, Leave, Patient, Room, Scenario, Slot, WeeklyWindow } from "./scenario.js";
import {
  type Interval,
  type LocalTime,
  type Weekday,
  dailyInterval,
  daysBetween,
  describeDays,
  localMillis,
  overlaps,
  remembered,
  weekdayIndex,
  zonedMillis,
} from "./time.js";

/** A group slot's or a family-group time's interval: its day and clock times in the clinic's week. */
export function slotInterval(scenario: Scenario, slot: Pick<Slot, "day" | "start" | "end">): Interval {
  return dailyInterval(scenario.clinic.weekStart, scenario.clinic.timeZone, weekdayIndex(slot.day), slot.start, slot.end);
}

/** Every occurrence of weekly windows that can touch the week: Sunday-night shifts of the week before included. */
function weeklyOccurrences(scenario: Scenario, windows: readonly WeeklyWindow[], padMinutes: number): Interval[] {
  const { weekStart, timeZone } = scenario.clinic;
  const out: Interval[] = [];
  // Thousands of patients share a handful of windows ("work Mon–Fri 08:00–17:00"): each is expanded once.
  for (const w of windows) out.push(...occurrencesOf(JSON.stringify([weekStart, timeZone, w.days, w.start, w.end, padMinutes])));
  return out;
}

const occurrencesOf = remembered(10_000, (key): readonly Interval[] => {
  const [weekStart, timeZone, days, start, end, padMinutes] = JSON.parse(key) as [string, string, Weekday[], LocalTime, LocalTime, number];
  const pad = padMinutes * 60_000;
  return days.flatMap((day) =>
    [weekdayIndex(day) - 7, weekdayIndex(day)].map((offset) => {
      const i = dailyInterval(weekStart, timeZone, offset, start, end);
      return { start: i.start - pad, end: i.end + pad };
    }),
  );
});

/** A time nothing is booked, and how a coordinator says it: "clinic closed Fri 25 Dec (Christmas Day)". */
export interface Closed {
  readonly interval: Interval;
  readonly text: () => string;
}

/** A calendar date as a coordinator reads it: "Fri 25 Dec". */
export const dayLabel = (date: string) => DateTime.fromISO(date).toFormat("ccc d LLL");

/** The whole days from `from` to `to`, inclusive, as one interval in the clinic's zone. */
function wholeDays(scenario: Scenario, from: string, to: string): Interval {
  const { weekStart, timeZone } = scenario.clinic;
  return {
    start: localMillis(weekStart, timeZone, daysBetween(weekStart, from), "00:00"),
    end: localMillis(weekStart, timeZone, daysBetween(weekStart, to) + 1, "00:00"),
  };
}

/** The scenario's week: Monday 00:00 to the next Monday 00:00 in the clinic's zone. */
export function weekInterval(scenario: Scenario): Interval {
  const { weekStart, timeZone } = scenario.clinic;
  return { start: localMillis(weekStart, timeZone, 0, "00:00"), end: localMillis(weekStart, timeZone, 7, "00:00") };
}

/** The clinic's closures: whole days, or the part of a day they name. */
export function clinicClosures(scenario: Scenario): Closed[] {
  const { weekStart, timeZone } = scenario.clinic;
  return (scenario.clinic.closures ?? []).map((c) => ({
    interval:
      c.start !== undefined && c.end !== undefined
        ? dailyInterval(weekStart, timeZone, daysBetween(weekStart, c.date), c.start, c.end)
        : wholeDays(scenario, c.date, c.date),
    text: () => `clinic closed ${dayLabel(c.date)}${c.start ? ` ${c.start}–${c.end}` : ""} (${c.label})`,
  }));
}

/** Spans of whole days (a facilitator's leave, a room out of service), each as the coordinator says it. */
function daysAway(scenario: Scenario, spans: readonly Leave[], what: string): Closed[] {
  return spans.map((l) => ({
    interval: wholeDays(scenario, l.from, l.to),
    text: () => `${what} ${l.from === l.to ? dayLabel(l.from) : `${dayLabel(l.from)}–${dayLabel(l.to)}`}${l.label ? ` (${l.label})` : ""}`,
  }));
}

export const facilitatorLeave = (scenario: Scenario, facilitator: Facilitator): Closed[] =>
  daysAway(scenario, facilitator.leave ?? [], "on leave");

export const roomOutOfService = (scenario: Scenario, room: Room): Closed[] => daysAway(scenario, room.outOfService ?? [], "out of service");

/** The parts of `intervals` outside every hole. */
function minus(intervals: readonly Interval[], holes: readonly Interval[]): Interval[] {
  let pieces = [...intervals];
  for (const h of holes)
    pieces = pieces.flatMap((p) =>
      !overlaps(p, h)
        ? [p]
        : [...(p.start < h.start ? [{ start: p.start, end: h.start }] : []), ...(h.end < p.end ? [{ start: h.end, end: p.end }] : [])],
    );
  return pieces;
}

/**
 * When a patient cannot be in a group: work, school, childcare, one-offs (each widened by travel), before admission,
 * and while the clinic is closed.
 */
export function patientBusy(scenario: Scenario, patient: Patient): Interval[] {
  return patientWindows(scenario, patient).flatMap((w) => w.intervals);
}

/**
 * Each of a patient's windows with its instants, and as a coordinator writes it ("work Mon–Fri 08:00–17:30 (+30 min
 * travel)"): the text only when asked, since the solver reads the instants of every patient and the text of few.
 */
export function patientWindows(
  scenario: Scenario,
  patient: Patient,
): { readonly text: () => string; readonly intervals: Interval[]; readonly closure?: true }[] {
  const zone = scenario.clinic.timeZone;
  const travel = patient.travelBufferMinutes > 0 ? ` (+${patient.travelBufferMinutes} min travel)` : "";
  const pad = patient.travelBufferMinutes * 60_000;
  const windows: { text: () => string; intervals: Interval[]; closure?: true }[] = patient.unavailable.map((w) => ({
    text: () => `${w.kind === "other" ? "unavailable" : w.kind} ${describeDays(w.days)} ${w.start}–${w.end}${travel}`,
    intervals: weeklyOccurrences(scenario, [w], patient.travelBufferMinutes),
  }));
  for (const w of patient.oneOff) {
    windows.push({
      text: () => {
        const start = DateTime.fromISO(w.start, { zone });
        const end = DateTime.fromISO(w.end, { zone });
        return `${w.kind === "other" ? "appointment" : w.kind} ${start.toFormat("ccc d LLL HH:mm")}–${end.toFormat(end.hasSame(start, "day") ? "HH:mm" : "ccc d LLL HH:mm")}`;
      },
      intervals: [{ start: zonedMillis(w.start, zone) - pad, end: zonedMillis(w.end, zone) + pad }],
    });
  }
  if (patient.admissionDate > scenario.clinic.weekStart) {
    windows.push({
      text: () => `admitted ${DateTime.fromISO(patient.admissionDate).toFormat("ccc d LLL")}`,
      intervals: [{ start: Number.MIN_SAFE_INTEGER, end: localMillis(patient.admissionDate, zone, 0, "00:00") }],
    });
  }
  // Not the patient's own window: the rule "closures" reports a booking then, not "patient-window".
  for (const c of clinicClosures(scenario)) windows.push({ text: c.text, intervals: [c.interval], closure: true });
  return windows;
}

/** When a facilitator may lead or see anyone: their weekly hours, less the clinic's closures and their leave. */
export function facilitatorAvailable(scenario: Scenario, facilitator: Facilitator): Interval[] {
  const closed = [...clinicClosures(scenario), ...facilitatorLeave(scenario, facilitator)].map((c) => c.interval);
  return minus(facilitatorWeekly(scenario, facilitator), closed);
}

/** Their weekly hours as they gave them ("facilitator-fit"; closures and leave are the rule "closures"). */
export function facilitatorWeekly(scenario: Scenario, facilitator: Facilitator): Interval[] {
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
      const admitted = patient.admissionDate > scenario.clinic.weekStart ? 1 : 0;
      const where =
        hit < u
          ? `patients[${p}].unavailable[${hit}]`
          : hit < u + o
            ? `patients[${p}].oneOff[${hit - u}]`
            : hit < u + o + admitted
              ? `patients[${p}].admissionDate`
              : `clinic.closures[${hit - u - o - admitted}]`;
      out.push({ path: ["pins", i], message: `this pin cannot hold: its group time collides with ${where}` });
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
