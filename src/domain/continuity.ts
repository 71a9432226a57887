// Week to week: last week's roster as the placements a returning patient would keep, and whether they kept them;
// and the therapist each returning patient saw, kept as their primary therapist.
import { facilitatorAvailable, weekInterval } from "./calendar.js";
import type { Roster } from "./roster.js";
import type { PreviousPlacement, Scenario } from "./scenario.js";

/** Each patient's groups in a roster, by group time (slot) and lead. */
export function placementsOf(roster: Pick<Roster, "sessions">): PreviousPlacement[] {
  return roster.sessions.flatMap((s) => s.patientIds.map((patientId) => ({ patientId, slotId: s.slotId, facilitatorId: s.facilitatorId })));
}

/**
 * The scenario with last week's roster as its previous placements (a scenario's own list is replaced), and each
 * returning patient's therapist of last week as their primary therapist, so that the one-to-one stays with the
 * same person week after week (the rule individual-sessions then holds the roster to it). A therapist the
 * coordinator named in the scenario stands. One is not carried over when they are not at the clinic this week,
 * are away all week (leave, closures) or have no caseload room left: the roster then chooses, and the diff says why.
 */
export function withPrevious(scenario: Scenario, previous: Roster): Scenario {
  const carried = carriedTherapists(scenario, previous);
  return {
    ...scenario,
    previous: placementsOf(previous),
    previousTherapists: (previous.individualSessions ?? []).map((s) => ({ patientId: s.patientId, therapistId: s.therapistId })),
    patients:
      carried.size === 0
        ? scenario.patients
        : scenario.patients.map((p) => (carried.has(p.id) ? { ...p, primaryTherapistId: carried.get(p.id) } : p)),
  };
}

/** Whether a therapist works at all in the scenario's week, once leave and closures are counted out. */
export function worksThisWeek(scenario: Scenario, therapistId: string): boolean {
  const f = scenario.facilitators.find((x) => x.id === therapistId);
  if (!f || f.caseload === undefined) return false;
  const week = weekInterval(scenario);
  return facilitatorAvailable(scenario, f).some((a) => a.start < week.end && week.start < a.end);
}

/** The scenario without primary therapists who are away all week: the roster gives those patients another for the week. */
export function withoutAwayTherapists(scenario: Scenario): { scenario: Scenario; away: string[] } {
  const working = new Map<string, boolean>();
  const away: string[] = [];
  const patients = scenario.patients.map((p) => {
    const id = p.primaryTherapistId;
    if (id === undefined) return p;
    if (!working.has(id)) working.set(id, worksThisWeek(scenario, id));
    if (working.get(id)) return p;
    away.push(p.id);
    const { primaryTherapistId: _away, ...rest } = p;
    return rest;
  });
  return { scenario: away.length === 0 ? scenario : { ...scenario, patients }, away };
}

function carriedTherapists(scenario: Scenario, previous: Roster): Map<string, string> {
  const seen = new Map((previous.individualSessions ?? []).map((s) => [s.patientId, s.therapistId]));
  const load = new Map<string, number>();
  for (const p of scenario.patients)
    if (p.primaryTherapistId !== undefined) load.set(p.primaryTherapistId, (load.get(p.primaryTherapistId) ?? 0) + 1);
  const caseload = new Map(scenario.facilitators.map((f) => [f.id, f.caseload ?? 0]));
  // Once per therapist, not per patient: their availability is a week of intervals less closures and leave.
  const working = new Map([...new Set(seen.values())].map((id) => [id, worksThisWeek(scenario, id)]));
  const carried = new Map<string, string>();
  for (const p of scenario.patients) {
    const therapist = seen.get(p.id);
    if (p.primaryTherapistId !== undefined || therapist === undefined || !working.get(therapist)) continue;
    if ((load.get(therapist) ?? 0) >= caseload.get(therapist)!) continue;
    load.set(therapist, (load.get(therapist) ?? 0) + 1);
    carried.set(p.id, therapist);
  }
  return carried;
}

/**
 * Per patient of this week who had a group last week: how many of those groups (time and lead) they do not keep.
 * A patient last week but not this week (discharged) is not counted.
 */
export function cohortChanges(scenario: Scenario, placements: readonly PreviousPlacement[]): Map<string, number> {
  const before = new Map<string, PreviousPlacement[]>();
  for (const p of scenario.previous ?? []) before.set(p.patientId, [...(before.get(p.patientId) ?? []), p]);
  const now = new Map<string, Set<string>>();
  for (const p of placements) now.set(p.patientId, (now.get(p.patientId) ?? new Set()).add(`${p.slotId} ${p.facilitatorId}`));
  const changes = new Map<string, number>();
  for (const patient of scenario.patients) {
    const had = before.get(patient.id);
    if (!had) continue;
    const kept = now.get(patient.id) ?? new Set();
    changes.set(patient.id, had.filter((p) => !kept.has(`${p.slotId} ${p.facilitatorId}`)).length);
  }
  return changes;
}

/** The continuity metrics of a week with previous placements: returning patients and those who changed; else none. */
export function continuityOf(
  scenario: Scenario,
  placements: readonly PreviousPlacement[],
): { returning: number; changed: number } | undefined {
  if (scenario.previous === undefined) return undefined;
  const changes = [...cohortChanges(scenario, placements).values()];
  return { returning: changes.length, changed: changes.filter((n) => n > 0).length };
}
