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

/**
 * A spreadsheet runs a cell that begins with = + - @, a tab or a carriage return as a formula (and Apple Numbers
 * the full-width = + - @ too): a topic titled =HYPERLINK(…) would be a link the clinic's own file offers. OWASP's
 * rule: such a cell begins with a single quote, which the spreadsheet shows as text, and is quoted.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** Every text cell of every CSV this module writes goes through here; numbers are ours and stay numbers. */
export function spreadsheetCell(cell: string): string | { value: string; quoted: true } {
  return FORMULA_START.test(cell) ? { value: `'${cell}`, quoted: true } : cell;
}

function csv(rows: unknown[], columns?: string[]): string {
  return stringify(rows, { cast: { string: spreadsheetCell }, ...(columns && { header: true, columns }) });
}

function withNotice(notice: string, rows: Record<string, string | number>[], columns: string[]): string {
  return csv([[notice]]) + csv(rows, columns);
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
