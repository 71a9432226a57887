// Spreadsheet exports: one row per patient-session (who attends what), one row per group session (the week's
// groups with their members). The redisclosure notice is the first row of each file.
import { stringify } from "csv-stringify/sync";
import type { Roster, Scenario } from "../../domain/index.js";
import { type SessionView, weekView } from "./week-view.js";

const WHEN_AND_WHERE = ["Date", "Day", "Start", "End", "Part", "Track", "Topic", "Facilitator", "Room"];
const common = (s: SessionView) => ({
  Date: s.date,
  Day: s.dayLabel,
  Start: s.start,
  End: s.end,
  Part: s.part,
  Track: s.trackLabel,
  Topic: s.topicTitle,
  Facilitator: s.facilitatorId,
  Room: s.roomId,
});

function withNotice(notice: string, rows: Record<string, string | number>[], columns: string[]): string {
  return stringify([[notice]]) + stringify(rows, { header: true, columns });
}

/** One row per patient and session they attend, in the order of the week. */
export function attendanceCsv(scenario: Scenario, roster: Roster): string {
  const view = weekView(scenario, roster);
  const rows = view.sessions.flatMap((s) => s.patientIds.map((id) => ({ "Patient ID": id, ...common(s), "Session ID": s.id })));
  return withNotice(view.notice, rows, ["Patient ID", ...WHEN_AND_WHERE, "Session ID"]);
}

/** One row per group session: when, where, who leads it and who is in it. */
export function groupsCsv(scenario: Scenario, roster: Roster): string {
  const view = weekView(scenario, roster);
  const rows = view.sessions.map((s) => ({
    "Session ID": s.id,
    ...common(s),
    Levels: s.levels,
    Members: s.patientIds.length,
    Capacity: s.capacity,
    "Member IDs": s.patientIds.join(" "),
  }));
  return withNotice(view.notice, rows, ["Session ID", ...WHEN_AND_WHERE, "Levels", "Members", "Capacity", "Member IDs"]);
}
