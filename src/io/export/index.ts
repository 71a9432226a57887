// One entry for the CLI and the HTTP service: a roster rendered in an export format, for everyone or one owner.
import Negotiator from "negotiator";
import type { Roster, Scenario } from "../../domain/index.js";
import { attendanceCsv, groupsCsv } from "./csv.js";
import { type CalendarOwner, type Edition, calendarFileName, calendarFor, calendarOwners, parseOwner } from "./ics.js";
import { rosterPage } from "./page.js";
import { signInSheets } from "./sign-in.js";
import { drugTestList } from "./drug-tests.js";
import { weekView } from "./week-view.js";

export const EXPORT_FORMATS = ["csv", "groups-csv", "ics", "html", "sign-in", "drug-tests", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  "groups-csv": "text/csv; charset=utf-8",
  ics: "text/calendar; charset=utf-8",
  html: "text/html; charset=utf-8",
  "sign-in": "text/html; charset=utf-8",
  "drug-tests": "text/html; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The exports that are pages to read or print, not files to import. */
export const PAGE_FORMATS: readonly ExportFormat[] = ["html", "sign-in", "drug-tests"];

const EXTENSIONS: Record<ExportFormat, string> = {
  csv: "csv",
  "groups-csv": "csv",
  ics: "ics",
  html: "html",
  "sign-in": "html",
  "drug-tests": "html",
  xlsx: "xlsx",
};

/**
 * The file an export is saved as: clinic, week, what it holds and for whom ("north-2026-11-30-roster.csv",
 * "north-2026-11-30-patient-P0001.ics"). Ids and dates hold only letters, digits, ".", "_" and "-", so the name
 * needs no escaping in a Content-Disposition header or on any file system.
 */
export function exportFileName(format: ExportFormat, roster: Pick<Roster, "clinicId" | "weekStart">, forWhom?: string): string {
  const owner = forWhom === undefined ? undefined : parseOwner(forWhom);
  const what = format === "csv" || format === "html" || format === "xlsx" ? "roster" : format === "groups-csv" ? "groups" : format;
  const whom = owner ? (format === "ics" ? calendarFileName(owner).replace(/\.ics$/, "") : `${what}-${owner.kind}-${owner.id}`) : what;
  return `${roster.clinicId}-${roster.weekStart}-${whom}.${EXTENSIONS[format]}`;
}

export type Rendered = { ok: true; text: string } | { ok: false; message: string };
/** An export as a file: text, or the bytes of a binary format (xlsx). */
export type RenderedFile = Rendered | { ok: true; bytes: Buffer };

/** Whether an export can be asked for this way, before anything is solved: null when it can, else what to change. */
export function exportRequestProblem(format: ExportFormat, forWhom: string | undefined): string | null {
  const owner = forWhom === undefined ? undefined : parseOwner(forWhom);
  if (forWhom !== undefined && !owner) return "expected for = patient:<id>, facilitator:<id> or track:<id>";
  if (format === "ics" && !owner) {
    return "a calendar is for one patient, facilitator or track: say which (patient:<id>, facilitator:<id> or track:<id>)";
  }
  if (format === "sign-in" && owner && owner.kind !== "facilitator") {
    return "sign-in sheets are for every group or for one facilitator (facilitator:<id>)";
  }
  if (format !== "ics" && format !== "sign-in" && owner) {
    return `the ${format} export is the whole roster; only ics and sign-in take a patient or facilitator`;
  }
  return null;
}

/** Why a roster is not exported: an export is made only of a roster the validator passes. */
export function refusedByValidator(violations: number, mismatches: readonly string[]): string {
  const what = [
    violations > 0 && `${violations} rule break${violations > 1 ? "s" : ""}`,
    mismatches.length > 0 && `metrics differing: ${mismatches.join(", ")}`,
  ];
  return `the validator refuses this roster (${what.filter(Boolean).join("; ")}); check lists them and rebuilds its bookkeeping`;
}

/**
 * Any export, as the CLI writes it and the service sends it: the text formats as renderExport makes them, and the
 * workbook (xlsx), which is binary and built asynchronously.
 */
export async function renderExportFile(
  format: ExportFormat,
  scenario: Scenario,
  roster: Roster,
  forWhom?: string,
  leftOut: readonly string[] = [],
  edition?: Edition,
): Promise<RenderedFile> {
  if (format !== "xlsx") return renderExport(format, scenario, roster, forWhom, leftOut, edition);
  const problem = exportRequestProblem(format, forWhom);
  if (problem) return { ok: false, message: problem };
  // exceljs takes a quarter of a second to load: only a command or request that asks for a workbook waits for it.
  const { rosterWorkbook } = await import("./xlsx.js");
  return { ok: true, bytes: await rosterWorkbook(scenario, roster) };
}

/**
 * A text export. `forWhom`: "patient:P0001", "facilitator:F1" or "track:…" (calendars); "facilitator:F1" (sign-in
 * sheets). The workbook is not text: renderExportFile makes it, and this throws if asked for it.
 */
export function renderExport(
  format: ExportFormat,
  scenario: Scenario,
  roster: Roster,
  forWhom?: string,
  leftOut: readonly string[] = [],
  edition?: Edition,
): Rendered {
  const problem = exportRequestProblem(format, forWhom);
  if (problem) return { ok: false, message: problem };
  const owner = forWhom === undefined ? undefined : parseOwner(forWhom)!;
  if (format === "ics") {
    const text = calendarFor(scenario, roster, owner!, undefined, edition);
    return text === null ? { ok: false, message: unknownOwner(scenario, roster, owner!) } : { ok: true, text };
  }
  if (format === "sign-in") {
    if (owner && !scenario.facilitators.some((f) => f.id === owner.id))
      return { ok: false, message: unknownOwner(scenario, roster, owner) };
    const text = signInSheets(scenario, roster, owner?.id);
    return text === null ? { ok: false, message: "that facilitator leads no group or family group this week" } : { ok: true, text };
  }
  if (format === "drug-tests") return { ok: true, text: drugTestList(scenario, roster) };
  if (format === "csv") return { ok: true, text: attendanceCsv(scenario, roster) };
  if (format === "groups-csv") return { ok: true, text: groupsCsv(scenario, roster) };
  if (format === "xlsx") throw new Error("the xlsx workbook is binary: renderExportFile makes it");
  return { ok: true, text: rosterPage(scenario, roster, leftOut) };
}

/** No such owner: facilitators and tracks are listed (staff and program ids); patients are not (health data). */
function unknownOwner(scenario: Scenario, roster: Roster, owner: CalendarOwner): string {
  if (owner.kind === "patient") return "the roster has no patient with that id";
  const ids = owner.kind === "facilitator" ? scenario.facilitators.map((f) => f.id) : [...new Set(roster.sessions.map((s) => s.track))];
  return `the roster has no ${owner.kind} with that id; it has ${ids.join(", ")}`;
}

/** Every calendar of the roster, as files to write into one folder. */
export function allCalendars(scenario: Scenario, roster: Roster): { name: string; text: string }[] {
  const view = weekView(scenario, roster);
  return calendarOwners(roster).map((owner: CalendarOwner) => ({
    name: calendarFileName(owner),
    text: calendarFor(scenario, roster, owner, view)!,
  }));
}

/** What an Accept header can get: the JSON roster, or an export by its media type. */
const OFFERED: Record<string, ExportFormat | "json"> = {
  "application/json": "json",
  "text/csv": "csv",
  "text/calendar": "ics",
  "text/html": "html",
  [MEDIA_TYPES.xlsx]: "xlsx",
};

/** The answer an Accept header prefers, q-values honoured: an export, undefined for the JSON roster (also with no
 * header or a wildcard), or null when it accepts nothing this service makes (application/pdf). */
export function formatFromAccept(accept: string | undefined): ExportFormat | undefined | null {
  if (accept === undefined || accept.trim() === "") return undefined;
  const type = new Negotiator({ headers: { accept } }).mediaType(Object.keys(OFFERED));
  if (type === undefined) return null;
  const found = OFFERED[type];
  return found === "json" ? undefined : found;
}

/** The media types an Accept header may name, for the answer that says none of its types can be made. */
export const OFFERED_TYPES = Object.keys(OFFERED);
/** The media types an Accept header can ask an export by. */
export const EXPORT_MEDIA_TYPES = OFFERED_TYPES.filter((type) => OFFERED[type] !== "json");
