// The shipped program models in models/, composed from shared levels, tracks and curricula and checked at load.
import { z } from "zod";
import levelsFile from "../../models/levels-of-care.json" with { type: "json" };
import tracksFile from "../../models/tracks.json" with { type: "json" };
import iopCore from "../../models/curricula/iop-core.json" with { type: "json" };
import matrixCurriculum from "../../models/curricula/matrix-16-week.json" with { type: "json" };
import genericIop from "../../models/programs/generic-iop.json" with { type: "json" };
import matrix16 from "../../models/programs/matrix-16.json" with { type: "json" };
import { Curriculum, FamilyProgram, GroupSize, Id, LevelOfCare, ProgramModel, Track } from "./program.js";
import { Label, Prose } from "./text.js";

const ProgramFile = z.strictObject({
  id: Id,
  label: Label,
  description: Prose.default(""),
  levels: z.array(Id).min(1),
  tracks: z.array(z.strictObject({ track: Id, curriculum: Id.optional(), groupSize: GroupSize.optional() })).min(1),
  groupSize: GroupSize,
  familyProgram: FamilyProgram.optional(),
  plannedWeeks: z.number().int().optional(),
  sharedGroups: ProgramModel.shape.sharedGroups,
  sources: z.array(Prose).default([]),
  assumptions: z.array(Prose).default([]),
});

function byId<T extends { id: string }>(items: readonly T[], id: string, what: string, where: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`models: ${where} names unknown ${what} "${id}"`);
  return found;
}

function compose(raw: unknown, levels: LevelOfCare[], tracks: Track[], curricula: Curriculum[]): ProgramModel {
  const file = ProgramFile.parse(raw);
  const chosenTracks = file.tracks.map((t) => {
    const base = byId(tracks, t.track, "track", file.id);
    return { ...base, curriculum: t.curriculum ?? base.curriculum, groupSize: t.groupSize ?? base.groupSize };
  });
  const curriculumIds = [...new Set(chosenTracks.map((t) => t.curriculum))];
  return ProgramModel.parse({
    id: file.id,
    label: file.label,
    description: file.description,
    levels: file.levels.map((id) => byId(levels, id, "level", file.id)),
    tracks: chosenTracks,
    curricula: curriculumIds.map((id) => byId(curricula, id, "curriculum", file.id)),
    groupSize: file.groupSize,
    familyProgram: file.familyProgram,
    plannedWeeks: file.plannedWeeks,
    sharedGroups: file.sharedGroups,
    sources: file.sources,
    assumptions: file.assumptions,
  });
}

function loadCatalog(): ReadonlyMap<string, ProgramModel> {
  const levels = z.strictObject({ levels: z.array(LevelOfCare) }).parse(levelsFile).levels;
  const tracks = z.strictObject({ tracks: z.array(Track) }).parse(tracksFile).tracks;
  const curricula = [iopCore, matrixCurriculum].map((c) => Curriculum.parse(c));
  const programs = [genericIop, matrix16].map((p) => compose(p, levels, tracks, curricula));
  return new Map(programs.map((p) => [p.id, p]));
}

/** Shipped program models by id; a bad model file fails here, at start-up, not mid-solve. */
export const PROGRAM_MODELS = loadCatalog();
