// Week to week: last week's roster as the placements a returning patient would keep, and whether they kept them.
import type { Roster } from "./roster.js";
import type { PreviousPlacement, Scenario } from "./scenario.js";

/** Each patient's groups in a roster, by group time (slot) and lead. */
export function placementsOf(roster: Pick<Roster, "sessions">): PreviousPlacement[] {
  return roster.sessions.flatMap((s) => s.patientIds.map((patientId) => ({ patientId, slotId: s.slotId, facilitatorId: s.facilitatorId })));
}

/** The scenario with last week's roster as its previous placements (a scenario's own list is replaced). */
export function withPrevious(scenario: Scenario, previous: Roster): Scenario {
  return { ...scenario, previous: placementsOf(previous) };
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
