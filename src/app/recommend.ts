// Placing today's admission without re-solving: for one new patient, the groups of the published roster they
// can join this week, ranked, each with what it costs, and a suggested set with the hours and billable days it
// gives and the topics they would miss. Read from the roster and the patient's record only; nothing is moved.
import { DateTime } from "luxon";
import { z } from "zod";
import {
  type InputProblem,
  Patient,
  Roster,
  Scenario,
  overlaps,
  patientBusy,
  programOf,
  requirementOf,
  rosterWeekProblems,
  weekOfStay,
} from "../domain/index.js";

export const RecommendRequest = z.strictObject({
  scenario: Scenario,
  roster: Roster,
  /** The new patient, admitted today (admissionDate): groups before it are not offered. */
  patient: Patient,
});
export type RecommendRequest = z.infer<typeof RecommendRequest>;

export const GroupOption = z.object({
  sessionId: z.string(),
  when: z.string(),
  date: z.string(),
  hours: z.number(),
  topic: z.string(),
  topicTitle: z.string(),
  facilitatorId: z.string(),
  roomId: z.string(),
  members: z.number().int(),
  capacity: z.number().int(),
  /** What joining costs or gives, worst first: a completed topic, a part of day not asked for, a nearly full group. */
  notes: z.array(z.string()),
});

export const Recommendation = z.object({
  patientId: z.string(),
  requiredHours: z.number(),
  minDays: z.number().int(),
  /** Every group they can join, best first. */
  options: z.array(GroupOption),
  /** The groups to book together: one a day, best first, until the hours are met. */
  suggested: z.object({
    sessionIds: z.array(z.string()),
    hours: z.number(),
    billableDays: z.number().int(),
    hoursMet: z.boolean(),
    dayRuleMet: z.boolean(),
    /** Topics of their track held this week that the suggested groups do not cover (they come round later). */
    topicsMissed: z.array(z.string()),
  }),
  /** Groups of their track they cannot join, counted by why (no patient detail). */
  excluded: z.record(z.string(), z.number().int()),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** What is wrong with a new admission for this clinic, by path: an id already taken, a level or track it lacks, another week's roster. */
export function newPatientProblems(scenario: Scenario, patient: Patient, roster?: Roster): InputProblem[] {
  const program = programOf(scenario);
  const problems: InputProblem[] = [];
  if (roster) problems.push(...rosterWeekProblems(scenario, roster, "roster"));
  if (scenario.patients.some((p) => p.id === patient.id))
    problems.push({ path: "patient.id", message: "already a patient of this week: a new admission needs a new id" });
  if (!program.levels.some((l) => l.id === patient.level))
    problems.push({ path: "patient.level", message: `unknown level; expected one of ${program.levels.map((l) => l.id).join(", ")}` });
  if (!program.tracks.some((t) => t.id === patient.track))
    problems.push({ path: "patient.track", message: `unknown track; expected one of ${program.tracks.map((t) => t.id).join(", ")}` });
  return problems;
}

export function recommend({ scenario, roster, patient }: RecommendRequest): Recommendation {
  const program = programOf(scenario);
  const { level, band, hours: required, track } = requirementOf(program, patient);
  const cap = track.groupSize ?? program.groupSize;
  const rooms = new Map(scenario.rooms.map((r) => [r.id, r.capacity]));
  const slots = new Map(scenario.slots.map((s) => [s.id, s]));
  const curriculum = program.curricula.find((c) => c.id === track.curriculum);
  const topics = new Map(curriculum?.topics.map((t) => [t.id, t]) ?? []);
  const week = weekOfStay(scenario, patient);
  const busy = patientBusy(scenario, patient);
  const completed = new Set(patient.completedTopics);
  const excluded: Record<string, number> = {};

  const options = roster.sessions.flatMap((s) => {
    if (s.track !== patient.track) return [];
    const slot = slots.get(s.slotId);
    const interval = { start: Date.parse(s.start), end: Date.parse(s.end) };
    const hours = (interval.end - interval.start) / 3_600_000;
    const capacity = Math.min(cap.max, rooms.get(s.roomId) ?? Infinity);
    const stay = topics.get(s.topic)?.weeksOfStay;
    const why =
      slot?.levels && !slot.levels.includes(patient.level)
        ? "not for their level"
        : hours > level.maxHoursPerDay + 1e-9
          ? "longer than their level allows in a day"
          : busy.some((b) => overlaps(b, interval))
            ? "their windows or admission date rule it out"
            : stay && (week < stay.from || week > stay.to)
              ? "a topic for another week of the stay"
              : s.patientIds.length >= capacity
                ? "full"
                : null;
    if (why) {
      excluded[why] = (excluded[why] ?? 0) + 1;
      return [];
    }
    const start = DateTime.fromISO(s.start, { setZone: true });
    const notes: string[] = [];
    if (completed.has(s.topic)) notes.push("a topic they completed");
    if (patient.preference !== "any" && s.part !== patient.preference) notes.push(`${s.part}, not ${patient.preference} as asked`);
    if (capacity - s.patientIds.length === 1) notes.push("the last place");
    return [
      {
        sessionId: s.id,
        when: `${start.toFormat("ccc HH:mm")}–${DateTime.fromISO(s.end, { setZone: true }).toFormat("HH:mm")}`,
        date: start.toISODate()!,
        hours,
        topic: s.topic,
        topicTitle: s.topicTitle,
        facilitatorId: s.facilitatorId,
        roomId: s.roomId,
        members: s.patientIds.length,
        capacity,
        notes,
      },
    ];
  });
  // Fewest drawbacks first; then the emptier group (room to settle in), then the earlier one.
  options.sort(
    (a, b) => a.notes.length - b.notes.length || a.members / a.capacity - b.members / b.capacity || a.date.localeCompare(b.date),
  );

  const chosen: typeof options = [];
  const perDay = new Map<string, number>();
  let hours = 0;
  const span = new Map(roster.sessions.map((s) => [s.id, { start: Date.parse(s.start), end: Date.parse(s.end) }]));
  for (const o of options) {
    if (hours >= required - 1e-9 || chosen.length >= level.maxSessionsPerWeek) break;
    if ((perDay.get(o.date) ?? 0) >= level.maxSessionsPerDay) continue;
    if (chosen.some((c) => overlaps(span.get(c.sessionId)!, span.get(o.sessionId)!))) continue;
    if (chosen.some((c) => c.topic === o.topic)) continue;
    if (hours + o.hours > band.maxHours + 1e-9 || (band.maxExclusive && hours + o.hours >= band.maxHours)) continue;
    chosen.push(o);
    perDay.set(o.date, (perDay.get(o.date) ?? 0) + 1);
    hours += o.hours;
  }
  const hoursByDay = new Map<string, number>();
  for (const c of chosen) hoursByDay.set(c.date, (hoursByDay.get(c.date) ?? 0) + c.hours);
  const billableDays = [...hoursByDay.values()].filter((h) => h + 1e-9 >= band.minHoursPerDay).length;
  const heard = new Set(chosen.map((c) => c.topic));
  const held = [...new Set(roster.sessions.filter((s) => s.track === patient.track).map((s) => s.topic))];
  return {
    patientId: patient.id,
    requiredHours: required,
    minDays: band.minDays,
    options,
    suggested: {
      sessionIds: chosen.sort((a, b) => a.date.localeCompare(b.date)).map((c) => c.sessionId),
      hours,
      billableDays,
      hoursMet: hours + 1e-9 >= required,
      dayRuleMet: billableDays >= band.minDays,
      topicsMissed: held.filter((t) => !heard.has(t)).map((t) => topics.get(t)?.title ?? t),
    },
    excluded,
  };
}

export function describeRecommendation(r: Recommendation): string[] {
  const s = r.suggested;
  const lines = [
    `${r.patientId}: needs ${r.requiredHours} h on at least ${r.minDays} days; ${r.options.length} groups of their track can take them this week.`,
    "",
    `Suggested: ${s.sessionIds.join(", ") || "none"} — ${s.hours} h on ${s.billableDays} billable days (${s.hoursMet ? "hours met" : "hours short"}, ${s.dayRuleMet ? "day rule met" : "day rule not met"})`,
  ];
  if (s.topicsMissed.length > 0) lines.push(`  topics held this week they would miss: ${s.topicsMissed.join("; ")}`);
  lines.push("", "Groups they can join, best first");
  for (const o of r.options)
    lines.push(
      `  ${o.when}  ${o.topicTitle} · ${o.facilitatorId} · room ${o.roomId} · ${o.members}/${o.capacity}${o.notes.length ? ` · ${o.notes.join("; ")}` : ""}`,
    );
  const excluded = Object.entries(r.excluded);
  if (excluded.length > 0) lines.push("", `Not possible: ${excluded.map(([why, n]) => `${n} ${why}`).join(", ")}`);
  return lines;
}
