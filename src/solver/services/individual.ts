// One-to-one sessions: each patient whose level calls for them, with their primary therapist, at times both can come.
import {
  type Facilitator,
  type IndividualSession,
  type Interval,
  type Patient,
  type ProgramModel,
  type Scenario,
  type ServiceShortfall,
  facilitatorAvailable,
  isoInZone,
  patientBusy,
  requirementOf,
  overlaps,
  within,
} from "../../domain/index.js";
import { type Bookings, facilitatorCanTake, freeRoom, oneToOneStarts, patientCanAttend, weekDays } from "./bookings.js";

export interface IndividualBooking {
  readonly sessions: IndividualSession[];
  readonly shortfalls: ServiceShortfall[];
  readonly calledFor: number;
}

/** The stages a candidate time passes, in order; the furthest stage any time reached names the reason it failed. */
const STAGES = ["windows", "other-one-to-ones", "therapist-hours", "room"] as const;
type Stage = (typeof STAGES)[number] | "none";

export function bookIndividual(scenario: Scenario, program: ProgramModel, bookings: Bookings): IndividualBooking {
  const therapists = scenario.facilitators.filter((f) => f.caseload !== undefined);
  if (therapists.length === 0) return { sessions: [], shortfalls: [], calledFor: 0 };
  const zone = scenario.clinic.timeZone;
  const { starts: dayStarts, dayOf } = weekDays(scenario);
  // The week as the groups and family groups leave it, before any one-to-one: what tells a busy therapist apart.
  const fixed = bookings.clone();
  const available = new Map(therapists.map((f) => [f.id, facilitatorAvailable(scenario, f)]));
  const load = new Map(therapists.map((f) => [f.id, 0]));
  for (const p of scenario.patients) if (p.primaryTherapistId) load.set(p.primaryTherapistId, (load.get(p.primaryTherapistId) ?? 0) + 1);

  const needs = scenario.patients
    .map((patient) => ({ patient, rule: requirementOf(program, patient).level.individual, busy: patientBusy(scenario, patient) }))
    .filter((n) => n.rule.perWeek > 0);
  // Most constrained first: a patient who is busy most of the week has the fewest times to choose from.
  const busyMinutes = (busy: readonly Interval[]) =>
    busy.reduce((m, b) => m + Math.max(0, Math.min(b.end, dayStarts[7]) - Math.max(b.start, dayStarts[0])), 0);
  needs.sort(
    (a, b) => Number(!a.patient.primaryTherapistId) - Number(!b.patient.primaryTherapistId) || busyMinutes(b.busy) - busyMinutes(a.busy),
  );

  /** The times this therapist could see this patient, best first: on a day the patient comes anyway, next to a group. */
  const candidates = (patient: Patient, busy: readonly Interval[], therapist: Facilitator, minutes: number) => {
    const len = minutes * 60_000;
    const days = bookings.days(`p:${patient.id}`, zone);
    const adjacent = bookings.edges(`p:${patient.id}`, len);
    const starts = oneToOneStarts(available.get(therapist.id)!, adjacent, len, dayStarts);
    let furthest: Stage = "none";
    const fits: Interval[] = [];
    for (const start of starts) {
      const at = { start, end: start + len };
      // Against the groups and family groups alone first: a time taken only by other one-to-ones is a busy
      // therapist, not a patient whose windows leave no time.
      if (!within(at, available.get(therapist.id)!) || !fixed.free(`f:${therapist.id}`, at)) continue;
      if (!patientCanAttend(busy, bookings, patient.id, at)) continue;
      if (furthest === "none") furthest = "windows";
      if (!bookings.free(`f:${therapist.id}`, at)) continue;
      if (furthest === "windows") furthest = "other-one-to-ones";
      if (!facilitatorCanTake(available.get(therapist.id)!, bookings, therapist, at)) continue;
      if (furthest === "other-one-to-ones") furthest = "therapist-hours";
      if (freeRoom(scenario, bookings, at, 2) === undefined) continue;
      furthest = "room";
      fits.push(at);
    }
    const rank = (at: Interval) => (days.has(dayOf(at.start)) ? 0 : 2) + (adjacent.has(at.start) ? 0 : 1);
    fits.sort((a, b) => rank(a) - rank(b) || a.start - b.start);
    return { fits, furthest };
  };

  const sessions: IndividualSession[] = [];
  const shortfalls: ServiceShortfall[] = [];
  let calledFor = 0;
  for (const { patient, rule, busy } of needs) {
    calledFor += rule.perWeek;
    const named = patient.primaryTherapistId;
    const pool = named
      ? therapists.filter((f) => f.id === named)
      : therapists
          .filter((f) => load.get(f.id)! < f.caseload!)
          .sort((a, b) => load.get(a.id)! / a.caseload! - load.get(b.id)! / b.caseload! || a.id.localeCompare(b.id));
    let best: { therapist: Facilitator; times: Interval[] } | undefined;
    let furthest: Stage = "none";
    for (const therapist of pool) {
      const found = candidates(patient, busy, therapist, rule.minutes);
      if (STAGES.indexOf(found.furthest as never) > STAGES.indexOf(furthest as never)) furthest = found.furthest;
      const times: Interval[] = [];
      const days = new Set<number>();
      for (const at of found.fits) {
        if (times.length === rule.perWeek) break;
        // One a day; and never two that overlap, even across midnight.
        if (days.has(dayOf(at.start)) || times.some((t) => overlaps(t, at))) continue;
        times.push(at);
        days.add(dayOf(at.start));
      }
      if (!best || times.length > best.times.length) best = { therapist, times };
      if (times.length === rule.perWeek) break;
    }
    if (best && best.times.length > 0) {
      if (!named) load.set(best.therapist.id, load.get(best.therapist.id)! + 1);
      for (const [n, at] of best.times.entries()) {
        const roomId = freeRoom(scenario, bookings, at, 2)!;
        bookings.book([`p:${patient.id}`, `f:${best.therapist.id}`, `r:${roomId}`], at);
        sessions.push({
          id: `individual.${patient.id}.${n + 1}`,
          patientId: patient.id,
          therapistId: best.therapist.id,
          roomId,
          start: isoInZone(at.start, zone),
          end: isoInZone(at.end, zone),
        });
      }
    }
    const missing = rule.perWeek - (best?.times.length ?? 0);
    if (missing > 0)
      shortfalls.push({
        patientId: patient.id,
        service: "individual",
        missing,
        reason: individualReason(pool.length, !!named, furthest, missing < rule.perWeek),
      });
  }
  return { sessions: sessions.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id)), shortfalls, calledFor };
}

function individualReason(therapists: number, named: boolean, furthest: Stage, some: boolean): string {
  const whose = named ? "their therapist" : "any therapist with room in their caseload";
  if (therapists === 0) return "every therapist's caseload is full";
  if (some) return `${whose} and they are both free on fewer distinct days than the level's sessions`;
  if (furthest === "none") return `no time when both they and ${whose} are free (work, school, childcare, groups, availability)`;
  if (furthest === "windows")
    return `${named ? "their therapist is" : "the therapists are"} seeing other patients at every time both are free`;
  if (furthest === "other-one-to-ones")
    return `${named ? "their therapist's" : "the therapists'"} weekly hours are used at the times both are free`;
  return "no room is free at the times both are free";
}
