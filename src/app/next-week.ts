// Next week from the clinic's record: the last published week closed into each stay (attendance is what was heard),
// then next week's scenario made from the open stays and this week's changes, with last week's groups and therapists
// carried. The CLI (`npm run week -- next`) and the service (POST /v1/clinics/:clinicId/weeks/next) both call it.
import { z } from "zod";
import {
  type AttendanceMark,
  type InputProblem,
  type Roster,
  Scenario,
  type StayRecord,
  type WeekChanges,
  closeWeek,
  coreDueOf,
  jsonPath,
  placesMarked,
  nextWeekFrom,
  programOf,
  stepDownProposals,
  withPrevious,
  withoutAwayTherapists,
} from "../domain/index.js";

export const NextWeekReport = z.object({
  weekStart: z.string(),
  /** Open stays next week, admissions included. */
  census: z.number().int(),
  admitted: z.array(z.string()),
  discharged: z.array(z.string()),
  steppedDown: z.array(z.string()),
  /** Stays whose level's core topics are heard and whose attendance is enough: confirm with a step-down change. */
  stepDownProposals: z.array(z.object({ patientId: z.string(), from: z.string(), to: z.string(), attendance: z.number() })),
  /** Patients with core topics to make up from last week's missed sessions. */
  makeUps: z.number().int(),
  /** Patients whose primary therapist is away all week: the roster gives them another for the week. */
  therapistAway: z.array(z.string()),
  /** Marks recorded for last week; with none, no topic of last week counts as heard. */
  attendanceMarks: z.number().int(),
  /** Places booked last week (groups, one-to-ones, family group) with no mark: counted as not attended. */
  unmarked: z.number().int(),
  /** Step-downs confirmed that the record did not propose (core not all heard, attendance short, or too soon). */
  stepDownsUnproposed: z.array(z.string()),
  /** The changes applied: given now, kept from an earlier making of the same week, or none. */
  changes: z.enum(["given", "kept", "none"]),
});
export type NextWeekReport = z.infer<typeof NextWeekReport>;

export interface LastWeek {
  readonly id: string;
  readonly scenario: Scenario;
  readonly roster: Roster;
  readonly marks: readonly AttendanceMark[];
  /** The weeks published before it, for the rolling core cycle (as many as the longest phase less two). */
  readonly earlier?: readonly { scenario: Scenario; roster: Roster }[];
}

export type NextWeekResult =
  { ok: true; record: Map<string, StayRecord>; scenario: Scenario; report: NextWeekReport } | { ok: false; problems: InputProblem[] };

/**
 * `last` closed into `record` (stays absent from it discharged, for `reasons` the coordinator gave), and the week
 * after it made from the open stays and `changes`. Problems name paths into the changes, or into the record's
 * patients when a row the record holds no longer fits the clinic.
 */
export function planNextWeek(
  last: LastWeek,
  record: ReadonlyMap<string, StayRecord>,
  changes: WeekChanges,
  reasons: ReadonlyMap<string, string> = new Map(),
  changesFrom: NextWeekReport["changes"] = "given",
): NextWeekResult {
  const program = programOf(last.scenario);
  const closed = closeWeek(record, last, last.marks, program, reasons);
  const proposed = stepDownProposals(closed, program);
  const next = nextWeekFrom(last.scenario, closed, changes, program);
  if (next.problems.length > 0) return { ok: false, problems: [...next.problems] };
  const parsed = Scenario.safeParse(next.scenario);
  if (!parsed.success) {
    // A patient's problem is named where the coordinator can fix it: their admission or update, else their stay.
    const patients = (next.scenario as { patients: { id: string }[] }).patients;
    const admitted = new Map(changes.admit.map((p, i) => [p.id, ["admit", i] as PropertyKey[]]));
    const updated = new Map(changes.update.map((p, i) => [p.id, ["update", i] as PropertyKey[]]));
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const [list, i, ...rest] = issue.path;
        const id = list === "patients" && typeof i === "number" ? patients[i]?.id : undefined;
        const at = id === undefined ? undefined : (admitted.get(id) ?? updated.get(id) ?? ["stays", id]);
        return { path: at ? jsonPath([...at, ...rest]) : `clinic.${jsonPath(issue.path)}`, message: issue.message };
      }),
    };
  }
  const { scenario: present, away } = withoutAwayTherapists(parsed.data);
  const carried = withPrevious(present, last.roster);
  const coreDue = coreDueOf(program, carried, [last, ...(last.earlier ?? [])]);
  const scenario = coreDue.length > 0 ? { ...carried, coreDue } : carried;
  const stepping = new Set([...next.steppedDown, ...next.discharged]);
  return {
    ok: true,
    record: closed,
    scenario,
    report: {
      weekStart: scenario.clinic.weekStart,
      census: scenario.patients.length,
      admitted: [...next.admitted],
      discharged: [...next.discharged],
      steppedDown: [...next.steppedDown],
      stepDownProposals: proposed.filter((p) => !stepping.has(p.patientId)),
      stepDownsUnproposed: next.steppedDown.filter((id) => !proposed.some((p) => p.patientId === id)),
      makeUps: scenario.patients.filter((p) => (p.makeUps?.length ?? 0) > 0).length,
      therapistAway: away,
      attendanceMarks: last.marks.length,
      unmarked: placesMarked(last.roster, last.marks).unmarked,
      changes: changesFrom,
    },
  };
}

const list = (ids: readonly string[]) => (ids.length === 0 ? "none" : ids.join(", "));

/** What next week was made with, in the coordinator's words: the same lines on the CLI's stderr and at the desk. */
export function describeNextWeek(report: NextWeekReport): string[] {
  return [
    `week of ${report.weekStart}: ${report.census} patients (admitted: ${list(report.admitted)}; discharged: ${list(report.discharged)}; stepped down: ${list(report.steppedDown)})`,
    ...(report.changes === "kept" ? ["the changes given before for this week were applied again (give changes to replace them)"] : []),
    report.attendanceMarks === 0
      ? "no attendance recorded for last week: none of its topics count as heard"
      : `last week's attendance: ${report.attendanceMarks} marks read into topics heard${report.unmarked > 0 ? `; ${report.unmarked} booked places have no mark and count as not attended` : ""}`,
    ...(report.stepDownsUnproposed.length > 0
      ? [
          `stepped down without a proposal (core not all heard, attendance short, or too soon at the level): ${list(report.stepDownsUnproposed)}`,
        ]
      : []),
    `${report.makeUps} patients have core topics to make up from sessions they missed`,
    ...(report.therapistAway.length > 0 ? [`primary therapist away all week, another for the week: ${list(report.therapistAway)}`] : []),
    ...(report.stepDownProposals.length === 0
      ? ["no step-down to propose"]
      : [
          "step-down proposed (core topics heard, attendance enough; confirm with a step-down change):",
          ...report.stepDownProposals.map((p) => `  ${p.patientId}  ${p.from} → ${p.to}, attended ${Math.round(p.attendance * 100)} %`),
        ]),
  ];
}
