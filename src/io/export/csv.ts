// Spreadsheet exports: one row per patient and booking (who comes to what: groups, one-to-ones, family group), one
// row per group session (the week's groups with their members). The header is the first line, so a CSV reader
// takes the file as the table it is, and the redisclosure notice is a column of every row: it stays with any row
// copied or filtered out of the file. Drug tests are left out: no file a patient might see names their test day.
import { stringify } from "csv-stringify/sync";
import { type Roster, type Scenario, oneToOneMakeUps } from "../../domain/index.js";
import { type LocalTimes, type SessionView, localTimes, weekView } from "./week-view.js";

const WHEN_AND_WHERE = ["Date", "Day", "Start", "End", "Part", "Track", "Topic", "Facilitator", "Room"];
const when = (t: LocalTimes) => ({ Date: t.date, Day: t.dayLabel, Start: t.start, End: t.end });
const common = (s: SessionView) => ({
  ...when(s),
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

/** A spreadsheet export's table, before it is a CSV file or a workbook's sheet: the header, and a row per line. */
export interface SheetTable {
  readonly columns: string[];
  readonly rows: Record<string, string | number>[];
}

/** The table as CSV: the header first. */
export function tableCsv(table: SheetTable): string {
  return stringify(table.rows, { cast: { string: spreadsheetCell }, header: true, columns: table.columns });
}

/** The rows with the redisclosure notice as their last column. */
export function withNotice(notice: string, rows: Record<string, string | number>[], columns: string[]): SheetTable {
  return { columns: [...columns, "Notice"], rows: rows.map((row) => ({ ...row, Notice: notice })) };
}

/** What a row of the attendance file is about. */
const KIND = { group: "group", individual: "one-to-one", family: "family group" } as const;

/** One row per patient and booking (group, one-to-one, family group), in the order of the week. */
export const attendanceCsv = (scenario: Scenario, roster: Roster): string => tableCsv(attendanceTable(scenario, roster));

/** One row per group session: when, where, who leads it and who is in it. */
export const groupsCsv = (scenario: Scenario, roster: Roster): string => tableCsv(groupsTable(scenario, roster));

/** The attendance file's table (see attendanceCsv). */
export function attendanceTable(scenario: Scenario, roster: Roster): SheetTable {
  const view = weekView(scenario, roster);
  const makeUps = oneToOneMakeUps(roster);
  const bookings = [
    ...view.sessions.flatMap((s) =>
      s.patientIds.map((id) => ({
        at: s.startAt.toMillis(),
        row: { "Patient ID": id, Kind: KIND.group, ...common(s), "Session ID": s.id },
      })),
    ),
    ...roster.individualSessions.map((i) => {
      const t = localTimes(i.start, i.end, view.zone);
      // A one-to-one's topics are the core topics it makes up, when the groups could not.
      const row = {
        "Patient ID": i.patientId,
        Kind: KIND.individual,
        ...when(t),
        Part: "",
        Track: "",
        Topic: makeUps.get(i.patientId)?.join(", ") ?? "",
      };
      return { at: t.startAt.toMillis(), row: { ...row, Facilitator: i.therapistId, Room: i.roomId, "Session ID": i.id } };
    }),
    ...roster.familySessions.flatMap((f) => {
      const t = localTimes(f.start, f.end, view.zone);
      const row = {
        Kind: KIND.family,
        ...when(t),
        Part: "",
        Track: "",
        Topic: "",
        Facilitator: f.facilitatorId,
        Room: f.roomId,
        "Session ID": f.id,
      };
      return f.patientIds.map((id) => ({ at: t.startAt.toMillis(), row: { "Patient ID": id, ...row } }));
    }),
  ];
  const rows = bookings.sort((a, b) => a.at - b.at).map((b) => b.row);
  return withNotice(view.notice, rows, ["Patient ID", "Kind", ...WHEN_AND_WHERE, "Session ID"]);
}

/** The groups file's table (see groupsCsv). */
export function groupsTable(scenario: Scenario, roster: Roster): SheetTable {
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
