// The week's exports from the desk (every format the CLI and the API make), publishing, and what changed since last
// week. An export is of the draft's roster, or of the published edition (?edition=published: its calendars carry
// the publication's SEQUENCE). Each export is a logged disclosure; only a roster the validator passes is exported.
import { diffRosters, describeDiff } from "../../app/diff.js";
import { type Roster, rosterWeekProblems } from "../../domain/index.js";
import { validate } from "../../validator/index.js";
import { esc } from "../export/html.js";
import { EXPORT_FORMATS, type ExportFormat, refusedByValidator } from "../export/index.js";
import { sendExport } from "../http/routes/answers.js";
import { logAccess } from "../store/access-log.js";
import { type DeskRoute, seeOther, sendPage } from "./desk-route.js";
import { linesHtml, workspacePage } from "./layout.js";
import { messagePage } from "./messages.js";
import { type WeekAt, weekAt } from "./week.js";

const LABELS: Record<Exclude<ExportFormat, "ics">, string> = {
  csv: "Attendance list (CSV: every group place, one-to-one and family place)",
  "groups-csv": "Groups (CSV: one row per group)",
  xlsx: "Workbook (.xlsx: a sheet each for attendance, groups, patients and facilitators)",
  html: "Printable roster page",
  "sign-in": "Sign-in sheets",
  "drug-tests": "Drug tests (staff only)",
};

export function exportLinks(at: WeekAt, roster: Roster): string {
  const url = `${at.url}/export`;
  const links = (Object.keys(LABELS) as (keyof typeof LABELS)[])
    .map((f) => `<li><a href="${esc(url)}?format=${f}">${esc(LABELS[f])}</a></li>`)
    .join("");
  const owners = [
    ...roster.patients.map((p) => `<option value="patient:${esc(p.id)}">Patient ${esc(p.id)}</option>`),
    ...at.scenario.facilitators.map((f) => `<option value="facilitator:${esc(f.id)}">Facilitator ${esc(f.id)}</option>`),
  ].join("");
  const published = at.published
    ? `<p>The published edition: <a href="${esc(url)}?format=csv&amp;edition=published">attendance list</a>, <a href="${esc(url)}?format=html&amp;edition=published">roster page</a>.</p>`
    : "";
  return `<section class="panel" aria-labelledby="exports-heading"><h2 id="exports-heading">Exports</h2>
<ul>${links}</ul>
<form method="get" action="${esc(url)}"><input type="hidden" name="format" value="ics">
${at.published ? `<input type="hidden" name="edition" value="published">` : ""}
<label for="calendar-for">Calendar for</label> <select id="calendar-for" name="for">${owners}</select>
<button type="submit">Download calendar</button></form>${published}</section>`;
}

export const EXPORT_ROUTES: DeskRoute[] = [
  {
    method: "GET",
    url: "/app/clinics/:clinicId/weeks/:week/export",
    access: "reader",
    summary: "An export of the week's roster (?format=, for= a patient or facilitator, edition=published); logged",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      const query = request.query as { format?: string; for?: string; edition?: string };
      const back = { href: at.url, label: "Back to the week" };
      const format = EXPORT_FORMATS.find((f) => f === query.format);
      if (!format) return messagePage(reply, 422, "No such export", `Choose one of ${EXPORT_FORMATS.join(", ")}.`, back);
      const published = query.edition === "published";
      if (published && !at.published) return messagePage(reply, 404, "Not published", "This week has no published edition yet.", back);
      const roster = published ? at.published!.roster : at.draft?.roster;
      const scenario = published ? at.published!.scenario : at.scenario;
      if (!roster) return messagePage(reply, 409, "No roster yet", "Solve the week first.", back);
      const report = validate(scenario, roster);
      if (!report.valid)
        return messagePage(reply, 422, "Not exported", refusedByValidator(report.violations.length, report.metricMismatches), back);
      const forWhom = typeof query.for === "string" && query.for ? query.for : undefined;
      const edition = published ? { sequence: at.published!.sequence, stamp: at.published!.publishedAt } : undefined;
      const resource = published ? `roster:${at.published!.id}` : `draft:${at.weekStart}`;
      const sent = await sendExport(
        reply,
        format,
        scenario,
        roster,
        forWhom,
        at.draft?.leftOut ?? [],
        () =>
          logAccess(context.db, {
            keyId: request.principal.keyId,
            action: "export",
            clinicId: at.clinicId,
            resource,
            format,
            subject: forWhom,
          }),
        edition,
      );
      // An export that cannot be made answers as a problem document; the desk says it as a page.
      if (reply.statusCode >= 400)
        return messagePage(reply, reply.statusCode, "Not exported", "That export cannot be made for that person or group.", back);
      return sent;
    },
  },
  {
    method: "POST",
    url: "/app/clinics/:clinicId/weeks/:week/publish",
    access: "publisher",
    summary: "Puts the week's roster in force (the validator must pass it); logged",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      const back = { href: at.url, label: "Back to the week" };
      const roster = at.draft?.roster;
      if (!roster || at.draft?.job)
        return messagePage(reply, 409, "Nothing to publish", "Solve the week first, and let the solve end.", back);
      const foreign = rosterWeekProblems(at.scenario, roster, "roster");
      const report = validate(at.scenario, roster);
      if (foreign.length > 0 || !report.valid)
        return messagePage(reply, 422, "Not published", refusedByValidator(report.violations.length, report.metricMismatches), back);
      await context.archive.publish(request.principal.keyId, at.scenario, roster);
      return seeOther(reply, `${at.url}#publish-heading`);
    },
  },
  {
    method: "GET",
    url: "/app/clinics/:clinicId/weeks/:week/since-last-week",
    access: "reader",
    summary: "The week against the clinic's published week before it: who moved from which groups to which, and why",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      const url = at.url;
      const back = at.back;
      if (!at.roster) return messagePage(reply, 409, "No roster yet", "Solve the week first.", back);
      const before = await context.archive.get(request.principal.keyId, at.clinicId, `before:${at.weekStart}`);
      if (!before) return messagePage(reply, 404, "No week before", "No earlier week of this clinic is published.", back);
      const lines = describeDiff(
        diffRosters({ scenario: before.scenario, roster: before.roster }, { scenario: at.scenario, roster: at.roster }),
      );
      const body = `<h1>Since the week of ${esc(before.weekStart)}</h1>${linesHtml("diff", lines)}<p><a href="${esc(url)}">Back to the week</a></p>`;
      return sendPage(
        reply,
        workspacePage("Since last week", body, {
          who: request.principal,
          csrf: reply.generateCsrf(),
          crumbs: [
            { label: at.clinicId, href: `/app/clinics/${encodeURIComponent(at.clinicId)}` },
            { label: "Week", href: url },
            { label: "Since last week" },
          ],
        }),
      );
    },
  },
];
