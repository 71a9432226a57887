// Next week made from the clinic's record in the database: the newest published week and its attendance closed into
// the stays, then the week after it planned from them (app/next-week.ts) and saved with the changes it was given.
// The CLI and the service both call it, so a clinic gets the same week from either.
import { type NextWeekReport, planNextWeek } from "../../app/next-week.js";
import { type InputProblem, type Scenario, WeekChanges, programOf, weekAfter } from "../../domain/index.js";
import { AttendanceBook } from "./attendance.js";
import type { Db } from "./db.js";
import { RosterArchive } from "./rosters.js";
import { StayBook } from "./stays.js";

export type MadeWeek =
  { ok: true; scenario: Scenario; report: NextWeekReport } | { ok: false; problems: InputProblem[] } | { ok: false; unpublished: true };

/**
 * As `keyId`: `changes` for the coming week, or those given for it before (the same week made again keeps them),
 * or none. Logged: the read of the published week and the record's update.
 */
export async function makeNextWeek(db: Db, keyId: string, clinicId: string, changes?: WeekChanges): Promise<MadeWeek> {
  const archive = new RosterArchive(db);
  const book = new StayBook(db);
  const last = await archive.get(keyId, clinicId, "latest");
  if (!last) return { ok: false, unpublished: true };
  const phase = Math.max(0, ...programOf(last.scenario).levels.map((l) => l.phaseWeeks ?? 0));
  const [marks, record, before, earlier] = await Promise.all([
    new AttendanceBook(db).marks(last.id),
    book.stays(clinicId),
    book.changes(clinicId, last.weekStart),
    phase > 2 ? archive.weeksBefore(clinicId, last.weekStart, phase - 2) : [],
  ]);
  const reasons = new Map((before?.discharge ?? []).map((d) => [d.patientId, d.reason]));
  const coming = weekAfter(last.weekStart);
  const kept = changes ? undefined : await book.changes(clinicId, coming);
  const given = changes ?? kept ?? WeekChanges.parse({});
  const planned = planNextWeek({ ...last, marks, earlier }, record, given, reasons, changes ? "given" : kept ? "kept" : "none");
  if (!planned.ok) return planned;
  await book.save(keyId, clinicId, planned.record, coming, given);
  return { ok: true, scenario: planned.scenario, report: planned.report };
}
