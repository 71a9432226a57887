// A week's spreadsheets read into a scenario: the clinic's settings (a JSON file, or the clinic's newest week when
// none is sent), its patients and facilitators as CSV or .xlsx. Rows that cannot be read are named and left out,
// as in every other import; a file or setting that cannot be read stops the upload, with what to fix.
import { DateTime } from "luxon";
import sjson from "secure-json-parse";
import { csvProblemList, scenarioFromCsv } from "../csv/scenario-from-csv.js";
import type { Scenario } from "../../domain/index.js";
import { spreadsheetText } from "./spreadsheet.js";

/** What the upload form sends (multipart, files as bytes). */
export interface UploadForm {
  readonly clinicId?: string;
  readonly week?: string;
  readonly clinic?: Buffer;
  readonly patients?: Buffer;
  readonly facilitators?: Buffer;
}

export type Uploaded = { ok: true; scenario: Scenario; leftOut: string[] } | { ok: false; problems: string[] };

const FILES = { patients: "Patients", facilitators: "Facilitators" };
/** What a week's scenario carries that belongs to that week alone: not taken over as the next upload's settings. */
const OF_THE_WEEK = ["patients", "previous", "previousTherapists", "coreDue", "pins"] as const;

const given = (file: Buffer | undefined): file is Buffer => file !== undefined && Buffer.isBuffer(file) && file.length > 0;

/** The clinic's settings from a scenario it had: everything but its patients and what was particular to its week. */
export function settingsOf(scenario: Scenario): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...scenario };
  for (const key of OF_THE_WEEK) delete settings[key];
  return settings;
}

export async function readUpload(form: UploadForm, earlier: Scenario | undefined): Promise<Uploaded> {
  let settings: Record<string, unknown>;
  if (given(form.clinic)) {
    try {
      const parsed: unknown = sjson.parse(form.clinic.toString("utf8"), undefined, { protoAction: "error", constructorAction: "error" });
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        return { ok: false, problems: ["Clinic settings: expected a JSON object"] };
      settings = parsed as Record<string, unknown>;
    } catch {
      return { ok: false, problems: ["Clinic settings: not valid JSON (save the clinic's settings file as it was given)"] };
    }
  } else if (earlier) settings = settingsOf(earlier);
  else return { ok: false, problems: ["Clinic settings: this clinic has no week yet, so its settings file is needed"] };
  if (!given(form.patients)) return { ok: false, problems: ["Patients: choose the patients spreadsheet (CSV or .xlsx)"] };
  const week = form.week ? DateTime.fromISO(form.week) : undefined;
  if (week && (!week.isValid || week.weekday !== 1))
    return {
      ok: false,
      problems: [
        `Week starting: ${form.week} is ${week.isValid ? `a ${week.toFormat("cccc")}` : "no date"}; choose the Monday the week starts`,
      ],
    };
  // The settings may hold the facilitators; a spreadsheet of them replaces those.
  if (given(form.facilitators)) delete settings.facilitators;
  const clinic =
    typeof settings.clinic === "object" && settings.clinic !== null ? { ...(settings.clinic as Record<string, unknown>) } : undefined;
  if (clinic && form.week) clinic.weekStart = form.week;
  if (clinic && form.clinicId && clinic.id !== form.clinicId)
    return { ok: false, problems: [`Clinic settings: these are the settings of clinic ${String(clinic.id)}, not ${form.clinicId}`] };
  const patients = await spreadsheetText(form.patients);
  if (!patients.ok) return { ok: false, problems: [`Patients: ${patients.message}`] };
  const facilitators = given(form.facilitators) ? await spreadsheetText(form.facilitators) : undefined;
  if (facilitators && !facilitators.ok) return { ok: false, problems: [`Facilitators: ${facilitators.message}`] };
  const read = scenarioFromCsv({
    clinic: clinic ? { ...settings, clinic } : settings,
    patientsCsv: patients.csv,
    facilitatorsCsv: facilitators?.ok ? facilitators.csv : undefined,
  });
  const problems = csvProblemList(read.problems, FILES).map((p) => `${p.path}: ${p.message}`);
  return read.scenario ? { ok: true, scenario: read.scenario, leftOut: problems } : { ok: false, problems };
}
