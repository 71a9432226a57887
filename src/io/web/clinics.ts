// The clinics a key acts for, each clinic's weeks (being planned, and published), and the ways a week begins: the
// clinic's spreadsheets uploaded, or next week made from the clinic's record.
import type { FastifyReply, FastifyRequest } from "fastify";
import { allows, covers } from "../http/auth.js";
import { esc } from "../export/html.js";
import { weekLabelOf } from "../export/week-view.js";
import { placesMarked, type WeekChanges, weekAfter } from "../../domain/index.js";
import { type ChangeRows, atChangeRows, changesFromCsv } from "../csv/changes.js";
import { describeNextWeek } from "../../app/next-week.js";
import { makeNextWeek } from "../store/next-week.js";
import { spreadsheetText } from "./spreadsheet.js";
import { type DeskContext, type DeskRoute, seeOther, sendPage } from "./desk-route.js";
import { csrfField, workspacePage } from "./layout.js";
import { type UploadForm, readUpload } from "./upload.js";

export const weekUrl = (clinicId: string, weekStart: string) =>
  `/app/clinics/${encodeURIComponent(clinicId)}/weeks/${encodeURIComponent(weekStart)}`;
const clinicUrl = (clinicId: string) => `/app/clinics/${encodeURIComponent(clinicId)}`;

/** The upload form; for a clinic that has a week, the settings file may be left out (its newest week's are taken). */
export function uploadForm(csrf: string, clinicId?: string, settingsKept = false): string {
  return `<form class="stack" method="post" action="/app/upload" enctype="multipart/form-data">${csrfField(csrf)}
${clinicId ? `<input type="hidden" name="clinicId" value="${esc(clinicId)}">` : ""}
<label for="upload-clinic">Clinic settings (JSON)</label>
<input id="upload-clinic" name="clinic" type="file" accept=".json,application/json" ${settingsKept ? "" : "required"} aria-describedby="upload-clinic-help">
<span id="upload-clinic-help" class="muted">${settingsKept ? "Leave empty to keep the settings of this clinic's newest week." : "Rooms, slots, program and week: the clinic's settings file."}</span>
<label for="upload-week">Week starting (a Monday)</label>
<input id="upload-week" name="week" type="date" aria-describedby="upload-week-help">
<span id="upload-week-help" class="muted">Leave empty for the week the settings name.</span>
<label for="upload-patients">Patients</label>
<input id="upload-patients" name="patients" type="file" accept=".csv,.xlsx,text/csv" required>
<label for="upload-facilitators">Facilitators</label>
<input id="upload-facilitators" name="facilitators" type="file" accept=".csv,.xlsx,text/csv" aria-describedby="upload-facilitators-help">
<span id="upload-facilitators-help" class="muted">CSV or .xlsx; leave empty to keep the facilitators in the settings.</span>
<button type="submit">Upload</button>
</form>`;
}

async function clinicsOf(request: FastifyRequest, { drafts, archive }: DeskContext): Promise<string[]> {
  const scope = request.principal.clinics;
  if (scope !== "all") return [...scope].sort();
  return [...new Set([...(await drafts.clinics()), ...(await archive.clinics())])].sort();
}

function uploadFailed(reply: FastifyReply, request: FastifyRequest, problems: readonly string[], clinicId?: string) {
  const csrf = reply.generateCsrf();
  const body = `<h1>The spreadsheets could not be read</h1>
<section role="alert"><h2>What to fix</h2><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul></section>
<h2>Upload again</h2>${uploadForm(csrf, clinicId, clinicId !== undefined)}`;
  return sendPage(reply, workspacePage("Upload: what to fix", body, { who: request.principal, csrf }), 422);
}

/**
 * Next week from the record, with the changes a coordinator has (admissions, discharges, updates, step-downs), and
 * a warning when last week's attendance is not all marked: a place not marked counts as not heard.
 */
async function nextWeekForm({ archive, attendance }: DeskContext, clinicId: string, csrf: string): Promise<string> {
  const last = await archive.find(clinicId, "latest");
  if (!last) return "";
  const { places, unmarked } = placesMarked(last.roster, await attendance.marks(last.id));
  const warning =
    unmarked > 0
      ? `<p class="bad" role="note">${unmarked} of ${places} places of the week of ${esc(weekLabelOf(last.weekStart))} have no attendance marked: a place not marked counts as not heard, so its topic comes again. <a href="${esc(weekUrl(clinicId, last.weekStart))}/attendance">Mark attendance</a> first.</p>`
      : "";
  return `<h2>Next week from the record</h2><p>The week of ${esc(weekLabelOf(last.weekStart))} as published and its attendance are closed into each stay; the patients carry over, with the changes given.</p>${warning}
<form class="stack" method="post" action="${esc(clinicUrl(clinicId))}/next-week" enctype="multipart/form-data">${csrfField(csrf)}
<label for="next-changes">Changes (CSV or .xlsx, optional)</label>
<input id="next-changes" name="changes" type="file" accept=".csv,.xlsx,text/csv" aria-describedby="next-changes-help">
<span id="next-changes-help" class="muted">Admissions, discharges, updates and step-downs, one row each (columns in the formats guide).</span>
<button type="submit">Make next week</button></form>`;
}

export const CLINIC_ROUTES: DeskRoute[] = [
  {
    method: "GET",
    url: "/app",
    access: "reader",
    summary: "The clinics this key acts for, and the upload that starts a clinic's week",
    handle: async (request, reply, context) => {
      const clinics = await clinicsOf(request, context);
      const csrf = reply.generateCsrf();
      const list = clinics.length
        ? `<ul id="clinics">${clinics.map((c) => `<li><a href="${esc(clinicUrl(c))}">${esc(c)}</a></li>`).join("")}</ul>`
        : "<p>No clinic has a week yet: upload one below.</p>";
      const upload = allows(request.principal, "planner") ? `<h2>Start a week from spreadsheets</h2>${uploadForm(csrf)}` : "";
      const body = `<h1>Your clinics</h1>${list}${upload}`;
      return sendPage(reply, workspacePage("Your clinics", body, { who: request.principal, csrf }));
    },
  },
  {
    method: "GET",
    url: "/app/clinics/:clinicId",
    access: "reader",
    summary: "A clinic's weeks: those being planned and those published; upload or make the next one",
    handle: async (request, reply, context) => {
      const { drafts, archive } = context;
      const { clinicId } = request.params as { clinicId: string };
      const [planned, published] = await Promise.all([drafts.weeks(clinicId), archive.list(clinicId)]);
      const weeks = [...new Set([...planned.map((w) => w.weekStart), ...published.map((p) => p.weekStart)])].sort().reverse();
      const rows = weeks.map((w) => {
        const draft = planned.find((d) => d.weekStart === w);
        const editions = published.filter((p) => p.weekStart === w).length;
        const state = [
          draft ? (draft.solved ? "planned, solved" : "planned, not solved yet") : "",
          editions ? `published (${editions} edition${editions > 1 ? "s" : ""})` : "",
        ];
        return `<tr><th scope="row"><a href="${esc(weekUrl(clinicId, w))}">${esc(weekLabelOf(w))}</a></th><td>${esc(state.filter(Boolean).join("; "))}</td></tr>`;
      });
      const csrf = reply.generateCsrf();
      const table = weeks.length
        ? `<table id="weeks"><caption>The clinic's weeks, newest first</caption><thead><tr><th scope="col">Week</th><th scope="col">State</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
        : "<p>No week yet.</p>";
      const next = published.length && allows(request.principal, "publisher") ? await nextWeekForm(context, clinicId, csrf) : "";
      const upload = allows(request.principal, "planner")
        ? `<h2>Upload a week's spreadsheets</h2>${uploadForm(csrf, clinicId, weeks.length > 0)}`
        : "";
      const name = (await drafts.newest(clinicId))?.clinic.name ?? clinicId;
      const body = `<h1>${esc(name)}</h1>${table}${next}${upload}`;
      return sendPage(reply, workspacePage(name, body, { who: request.principal, csrf, crumbs: [{ label: clinicId }] }));
    },
  },
  {
    method: "POST",
    url: "/app/upload",
    access: "planner",
    summary: "Reads the clinic's settings and spreadsheets (CSV or .xlsx) into the week's draft; rows that cannot be read are listed",
    handle: async (request, reply, { drafts, archive }) => {
      const form = request.body as UploadForm;
      const clinicId = typeof form.clinicId === "string" && form.clinicId ? form.clinicId : undefined;
      if (clinicId && !covers(request.principal, clinicId))
        return uploadFailed(reply, request, [`Your key does not act for clinic ${clinicId}`]);
      const earlier = clinicId
        ? ((await drafts.newest(clinicId)) ?? (await archive.get(request.principal.keyId, clinicId, "latest"))?.scenario)
        : undefined;
      const read = await readUpload(
        { ...form, clinicId, week: typeof form.week === "string" && form.week ? form.week : undefined },
        earlier,
      );
      if (!read.ok) return uploadFailed(reply, request, read.problems, clinicId);
      const id = read.scenario.clinic.id;
      if (!covers(request.principal, id)) return uploadFailed(reply, request, [`Your key does not act for clinic ${id}`], clinicId);
      await drafts.upload(request.principal.keyId, read.scenario, read.leftOut);
      return seeOther(reply, weekUrl(id, read.scenario.clinic.weekStart));
    },
  },
  {
    method: "POST",
    url: "/app/clinics/:clinicId/next-week",
    access: "publisher",
    summary: "Next week's draft from the clinic's record: the newest published week and its attendance closed into each stay",
    handle: async (request, reply, { db, drafts, archive }) => {
      const { clinicId } = request.params as { clinicId: string };
      // A week already being planned is never replaced by pressing the button again: its hand moves would be lost.
      const last = await archive.find(clinicId, "latest");
      const next = last ? weekAfter(last.weekStart) : undefined;
      if (next && (await drafts.get(clinicId, next))) return seeOther(reply, weekUrl(clinicId, next));
      const file = (request.body as { changes?: unknown }).changes;
      let changes: { value: WeekChanges; rows: ChangeRows } | undefined;
      if (Buffer.isBuffer(file) && file.length > 0) {
        const text = await spreadsheetText(file);
        const read = text.ok ? changesFromCsv(text.csv) : { ok: false as const, problems: [{ path: "changes", message: text.message }] };
        if (!read.ok)
          return uploadFailed(
            reply,
            request,
            read.problems.map((p) => `Changes ${p.path}: ${p.message}`),
            clinicId,
          );
        changes = read;
      }
      const made = await makeNextWeek(db, request.principal.keyId, clinicId, changes?.value);
      if ("unpublished" in made || !made.ok) {
        const noRows = { admit: [], discharge: [], update: [], stepDown: [] };
        const problems =
          "unpublished" in made
            ? ["No week of this clinic is published yet: publish a week first."]
            : atChangeRows(made.problems, changes?.rows ?? noRows).map((p) => `Changes ${p.path}: ${p.message}`);
        return uploadFailed(reply, request, problems, clinicId);
      }
      await drafts.upload(request.principal.keyId, made.scenario, [], describeNextWeek(made.report));
      return seeOther(reply, weekUrl(clinicId, made.scenario.clinic.weekStart));
    },
  },
];
