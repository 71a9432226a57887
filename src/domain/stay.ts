// A patient's stay beyond one week: where they stand in their track's curriculum, and which week of a planned stay this is.
import type { ProgramModel } from "./program.js";
import type { CurriculumProgress } from "./roster.js";
import type { Patient, Scenario } from "./scenario.js";
import { weekOfStay } from "./calendar.js";
import type { z } from "zod";

/** The topic ids of a track's curriculum, in the curriculum's order. */
export function curriculumTopics(program: ProgramModel, trackId: string): string[] {
  const track = program.tracks.find((t) => t.id === trackId);
  return program.curricula.find((c) => c.id === track?.curriculum)?.topics.map((t) => t.id) ?? [];
}

/** The track whose groups the patient attends: their own, or the host of a level the program shares (sharedGroups). */
export function groupTrackOf(program: ProgramModel, patient: Pick<Patient, "level" | "track">): string {
  return program.sharedGroups.find((g) => g.level === patient.level && g.tracks.includes(patient.track))?.track ?? patient.track;
}

/** The topics a stay at the patient's level must hear, of the curriculum of the groups they attend, in its order. */
export function coreTopics(program: ProgramModel, patient: Pick<Patient, "level" | "track">): string[] {
  const all = curriculumTopics(program, groupTrackOf(program, patient));
  const core = program.levels.find((l) => l.id === patient.level)?.core;
  return core ? all.filter((t) => core.includes(t)) : all;
}

/** Heard before, new this week, still to come: from the patient's record and this week's topics. */
export function curriculumProgress(
  program: ProgramModel,
  patient: Patient,
  topicsThisWeek: readonly string[],
): z.infer<typeof CurriculumProgress> {
  const all = coreTopics(program, patient);
  const before = new Set(patient.completedTopics.filter((t) => all.includes(t)));
  const fresh = new Set(topicsThisWeek.filter((t) => all.includes(t) && !before.has(t)));
  const progress = {
    total: all.length,
    heardBefore: before.size,
    newThisWeek: fresh.size,
    remaining: all.length - before.size - fresh.size,
  };
  const makeUps = patient.makeUps ?? [];
  if (makeUps.length === 0) return progress;
  const held = new Set(topicsThisWeek);
  return {
    ...progress,
    makeUps: { booked: makeUps.filter((t) => held.has(t)), forOneToOne: makeUps.filter((t) => !held.has(t)) },
  };
}

/** Week of the stay and its planned length, when the patient's record or the program sets one. */
export function stayOf(scenario: Scenario, program: ProgramModel, patient: Patient): { week: number; plannedWeeks: number } | undefined {
  const plannedWeeks = patient.plannedWeeks ?? program.plannedWeeks;
  return plannedWeeks === undefined ? undefined : { week: weekOfStay(scenario, patient), plannedWeeks };
}
