// Attendance, after the week: who came to each session of a published roster. It is what a patient heard: the
// topics of the groups they attended (present or late) become their completed topics when next week is solved
// from that roster, instead of the topics they were booked for.
import { z } from "zod";
import type { InputProblem } from "./errors.js";
import { Id } from "./program.js";
import { ComposedId, type Roster } from "./roster.js";
import type { Scenario } from "./scenario.js";

export const ATTENDANCE_STATUSES = ["present", "late", "absent", "excused"] as const;
/** Statuses that count as having been in the session (and so having heard its topic). */
const ATTENDED = new Set<string>(["present", "late"]);
export const isAttended = (status: string | undefined): boolean => status !== undefined && ATTENDED.has(status);

export const AttendanceMark = z.strictObject({
  sessionId: ComposedId.meta({ description: "A group, one-to-one or family session of the roster" }),
  patientId: Id,
  status: z.enum(ATTENDANCE_STATUSES),
});
export type AttendanceMark = z.infer<typeof AttendanceMark>;

export const AttendanceRequest = z.strictObject({
  // A week's sessions and their members bound it: 100 000 marks is far past any clinic's week.
  marks: z.array(AttendanceMark).min(1).max(100_000),
});
export type AttendanceRequest = z.infer<typeof AttendanceRequest>;

export const AttendanceRecorded = z.object({ rosterId: z.string(), recorded: z.number().int(), marks: z.array(AttendanceMark) });
export type AttendanceRecorded = z.infer<typeof AttendanceRecorded>;

/** Who each session of the roster was booked for, by session id: groups, one-to-ones, family groups. */
export function bookedIn(roster: Roster): Map<string, Set<string>> {
  const booked = new Map<string, Set<string>>();
  for (const s of roster.sessions) booked.set(s.id, new Set(s.patientIds));
  for (const s of roster.individualSessions ?? []) booked.set(s.id, new Set([s.patientId]));
  for (const s of roster.familySessions ?? []) booked.set(s.id, new Set(s.patientIds));
  return booked;
}

/** Marks that name no session of the roster, a patient not booked in it, or the same patient twice: by path. */
export function attendanceProblems(roster: Roster, marks: readonly AttendanceMark[]): InputProblem[] {
  const booked = bookedIn(roster);
  const seen = new Set<string>();
  const problems: InputProblem[] = [];
  marks.forEach((m, i) => {
    const members = booked.get(m.sessionId);
    if (!members) problems.push({ path: `marks[${i}].sessionId`, message: "no session of this roster has that id" });
    else if (!members.has(m.patientId))
      problems.push({ path: `marks[${i}].patientId`, message: "this patient is not booked in that session" });
    const key = `${m.sessionId} ${m.patientId}`;
    if (seen.has(key)) problems.push({ path: `marks[${i}]`, message: "marks this patient in this session a second time" });
    seen.add(key);
  });
  return problems;
}

/** The topics of the groups each patient attended (present or late), by patient. */
export function attendedTopics(roster: Roster, marks: readonly AttendanceMark[]): Map<string, Set<string>> {
  const topicOf = new Map(roster.sessions.map((s) => [s.id, s.topic]));
  const heard = new Map<string, Set<string>>();
  for (const m of marks) {
    const topic = topicOf.get(m.sessionId);
    if (topic !== undefined && isAttended(m.status)) heard.set(m.patientId, (heard.get(m.patientId) ?? new Set()).add(topic));
  }
  return heard;
}

/** Places the roster booked (group members, one-to-ones, family places), and how many of them no mark names. */
export function placesMarked(roster: Roster, marks: readonly AttendanceMark[]): { places: number; unmarked: number } {
  const marked = new Set(marks.map((m) => `${m.sessionId} ${m.patientId}`));
  let places = 0;
  let unmarked = 0;
  for (const [session, patients] of bookedIn(roster))
    for (const p of patients) {
      places++;
      if (!marked.has(`${session} ${p}`)) unmarked++;
    }
  return { places, unmarked };
}

/**
 * The scenario with the topics each patient attended in `roster` (marked present or late) added to their
 * completed topics. Booked but not marked is not heard: attendance, not the plan, is the record.
 */
export function withAttendance(scenario: Scenario, roster: Roster, marks: readonly AttendanceMark[]): Scenario {
  const heard = attendedTopics(roster, marks);
  if (heard.size === 0) return scenario;
  return {
    ...scenario,
    patients: scenario.patients.map((p) =>
      heard.has(p.id) ? { ...p, completedTopics: [...new Set([...p.completedTopics, ...heard.get(p.id)!])] } : p,
    ),
  };
}
