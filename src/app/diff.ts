// Two rosters of a clinic, week to week or before and after a change: who moved from which groups to which and
// why, who was admitted or discharged, which groups opened or closed, where a lead changed, and whose one-to-one therapist changed.
import { DateTime } from "luxon";
import { z } from "zod";
import {
  type InputProblem,
  type Patient,
  type Roster,
  type Scenario,
  type Session,
  rosterWeekProblems,
  worksThisWeek,
} from "../domain/index.js";

/** A roster, and the week it was made for when known (the reasons read the patients' records from it). */
export interface RosterWeek {
  readonly roster: Roster;
  readonly scenario?: Scenario;
}

/** Two weeks of one clinic, each roster of its own scenario when that is given: else what is wrong, naming both. */
export function diffProblems(from: RosterWeek, to: RosterWeek): InputProblem[] {
  const own = (week: RosterWeek, path: string) => (week.scenario ? rosterWeekProblems(week.scenario, week.roster, `${path}.roster`) : []);
  const problems = [...own(from, "from"), ...own(to, "to")];
  if (from.roster.clinicId !== to.roster.clinicId)
    problems.push({
      path: "to.roster.clinicId",
      message: `expected a roster of clinic ${from.roster.clinicId}, as the first; this one is of clinic ${to.roster.clinicId}`,
    });
  return problems;
}

export const TherapistChangeReason = z.enum([
  "their own therapist is back from a week away",
  "the coordinator named another therapist",
  "the therapist is not at the clinic this week",
  "the therapist is away all week",
  "the therapist's caseload is full",
  "unknown",
]);

export const MoveReason = z.enum([
  "level changed",
  "track changed",
  "kept every group, joined more",
  "windows changed",
  "moved to fill or balance groups",
  "unknown",
]);

export const RosterDiff = z.object({
  admitted: z.array(z.string()),
  discharged: z.array(z.string()),
  /** Patients in both rosters whose groups (day, time, lead) differ. */
  moved: z.array(z.object({ patientId: z.string(), from: z.array(z.string()), to: z.array(z.string()), why: MoveReason })),
  groupsOpened: z.array(z.string()),
  groupsClosed: z.array(z.string()),
  /** A group time and track whose leads changed while its number of groups stayed. */
  leadsChanged: z.array(z.object({ group: z.string(), from: z.array(z.string()), to: z.array(z.string()) })),
  /** Returning patients whose one-to-one therapist changed, and why (the weeks, when sent, give the reasons). */
  therapistsChanged: z.array(z.object({ patientId: z.string(), from: z.string(), to: z.string(), why: TherapistChangeReason })),
});
export type RosterDiff = z.infer<typeof RosterDiff>;

const when = (s: Session) => DateTime.fromISO(s.start, { setZone: true }).toFormat("ccc HH:mm");
/** A patient's group as a coordinator names it: "Mon 18:00 F03" (weeks apart, the dates differ; the times do not). */
export const placement = (s: Session) => `${when(s)} ${s.facilitatorId}`;
const groupName = (s: Session) => `${when(s)} ${s.track} (${s.facilitatorId})`;

function placements(roster: Roster): Map<string, string[]> {
  const byPatient = new Map<string, string[]>(roster.patients.map((p) => [p.id, []]));
  const ordered = [...roster.sessions].sort((a, b) => a.start.localeCompare(b.start));
  for (const s of ordered) for (const id of s.patientIds) byPatient.get(id)?.push(placement(s));
  return byPatient;
}

/** Elements of `a` not matched one for one in `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function reason(
  before: Scenario | undefined,
  after: Scenario | undefined,
  id: string,
  from: readonly string[],
  to: readonly string[],
): z.infer<typeof MoveReason> {
  const was = before?.patients.find((p) => p.id === id);
  const now = after?.patients.find((p) => p.id === id);
  if (!was || !now) return "unknown";
  if (was.level !== now.level) return "level changed";
  if (was.track !== now.track) return "track changed";
  // Nothing of last week was taken away (a patient admitted mid-week gets their whole week now, say).
  if (minus(from, to).length === 0) return "kept every group, joined more";
  const windows = (p: Patient) => JSON.stringify([p.unavailable, p.oneOff, p.travelBufferMinutes, p.preference]);
  return windows(was) !== windows(now) ? "windows changed" : "moved to fill or balance groups";
}

/**
 * Why a returning patient's therapist changed from `from` to `to`, read from this week's scenario: last week's
 * therapist is carried over unless one of these holds (domain/continuity.ts), so the first that does is the reason.
 */
export function therapistReason(
  after: Scenario | undefined,
  id: string,
  from: string,
  to: string,
  before?: Scenario,
): z.infer<typeof TherapistChangeReason> {
  const now = after?.patients.find((p) => p.id === id);
  if (!after || !now) return "unknown";
  // Last week's stand-in, now theirs again: the record kept their own therapist through the week away.
  if (now.primaryTherapistId === to && before && !worksThisWeek(before, to)) return "their own therapist is back from a week away";
  if (now.primaryTherapistId === to) return "the coordinator named another therapist";
  if (!after.facilitators.some((f) => f.id === from && f.caseload !== undefined)) return "the therapist is not at the clinic this week";
  if (!worksThisWeek(after, from)) return "the therapist is away all week";
  const named = after.patients.filter((p) => p.primaryTherapistId === from).length;
  return named >= (after.facilitators.find((f) => f.id === from)!.caseload ?? 0) ? "the therapist's caseload is full" : "unknown";
}

export function diffRosters(a: RosterWeek, b: RosterWeek): RosterDiff {
  const before = placements(a.roster);
  const after = placements(b.roster);
  const moved: RosterDiff["moved"] = [];
  for (const [id, from] of before) {
    const to = after.get(id);
    if (to && JSON.stringify(from) !== JSON.stringify(to))
      moved.push({ patientId: id, from, to, why: reason(a.scenario, b.scenario, id, from, to) });
  }
  const groupsA = a.roster.sessions.map(groupName);
  const groupsB = b.roster.sessions.map(groupName);
  const leads = (r: Roster) => {
    const byTime = new Map<string, string[]>();
    for (const s of r.sessions)
      byTime.set(`${when(s)} ${s.track}`, [...(byTime.get(`${when(s)} ${s.track}`) ?? []), s.facilitatorId].sort());
    return byTime;
  };
  const leadsA = leads(a.roster);
  const leadsB = leads(b.roster);
  const leadsChanged = [...leadsA].flatMap(([group, from]) => {
    const to = leadsB.get(group);
    return to && to.length === from.length && to.join() !== from.join() ? [{ group, from, to }] : [];
  });
  return {
    admitted: [...after.keys()].filter((id) => !before.has(id)),
    discharged: [...before.keys()].filter((id) => !after.has(id)),
    moved,
    groupsOpened: minus(groupsB, groupsA),
    groupsClosed: minus(groupsA, groupsB),
    leadsChanged,
    therapistsChanged: therapistsChanged(a, b),
  };
}

function therapistsChanged(a: RosterWeek, b: RosterWeek): RosterDiff["therapistsChanged"] {
  const seen = (r: Roster) => new Map((r.individualSessions ?? []).map((s) => [s.patientId, s.therapistId]));
  const before = seen(a.roster);
  return [...seen(b.roster)].flatMap(([patientId, to]) => {
    const from = before.get(patientId);
    return from === undefined || from === to
      ? []
      : [{ patientId, from, to, why: therapistReason(b.scenario, patientId, from, to, a.scenario) }];
  });
}

export function describeDiff(diff: RosterDiff): string[] {
  const lines = [
    `${diff.moved.length} moved, ${diff.admitted.length} admitted, ${diff.discharged.length} discharged; ${diff.groupsOpened.length} groups opened, ${diff.groupsClosed.length} closed`,
  ];
  if (diff.moved.length > 0) lines.push("", "Moved");
  for (const m of diff.moved)
    lines.push(`  ${m.patientId}: ${m.from.join(", ") || "no group"} → ${m.to.join(", ") || "no group"} (${m.why})`);
  if (diff.admitted.length > 0) lines.push("", `Admitted: ${diff.admitted.join(", ")}`);
  if (diff.discharged.length > 0) lines.push("", `Discharged: ${diff.discharged.join(", ")}`);
  if (diff.groupsOpened.length > 0) lines.push("", "Groups opened", ...diff.groupsOpened.map((g) => `  ${g}`));
  if (diff.groupsClosed.length > 0) lines.push("", "Groups closed", ...diff.groupsClosed.map((g) => `  ${g}`));
  if (diff.leadsChanged.length > 0)
    lines.push("", "Leads changed", ...diff.leadsChanged.map((l) => `  ${l.group}: ${l.from.join(", ")} → ${l.to.join(", ")}`));
  if (diff.therapistsChanged.length > 0)
    lines.push("", "Therapists changed", ...diff.therapistsChanged.map((t) => `  ${t.patientId}: ${t.from} → ${t.to} (${t.why})`));
  return lines;
}
