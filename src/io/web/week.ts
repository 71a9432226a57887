// A week at the desk: what was read, the solve (live progress, cancel), the roster as the roster page shows it,
// and the forms that act on it. The roster shown is the draft's; a week only published shows its newest edition.
import type { FastifyReply, FastifyRequest } from "fastify";
import { DateTime } from "luxon";
import { type Published, type Roster, type Scenario, SolveRequest, scenarioOf, unmetDaysOf } from "../../domain/index.js";
import { validate } from "../../validator/index.js";
import { esc } from "../export/html.js";
import { weekLabelOf } from "../export/week-view.js";
import { rosterSections } from "../export/page.js";
import { allows } from "../http/auth.js";
import { paramsOf } from "../http/route-table.js";
import { withPublished } from "../http/routes/answers.js";
import { logAccess } from "../store/access-log.js";
import type { Draft } from "../store/drafts.js";
import { weekUrl } from "./clinics.js";
import { type DeskContext, type DeskRoute, seeOther, sendPage } from "./desk-route.js";
import { csrfField, linesHtml, workspacePage } from "./layout.js";
import { messagePage } from "./messages.js";
import { exportLinks } from "./exports.js";
import { attendanceLink } from "./attendance.js";
import { moveForm } from "./move.js";
import { whatIfForm } from "./what-if.js";

/** The default time limit of a solve from the desk, and the most it may be given. */
const DEFAULT_SECONDS = 10;
const MAX_SECONDS = 600;
/** How often the progress stream reads the job. */
const PROGRESS_MS = 400;

export interface WeekAt {
  readonly clinicId: string;
  readonly weekStart: string;
  readonly draft: Draft | undefined;
  /** The week's newest published edition, when there is one. */
  readonly published: Published | undefined;
  /** What the page shows: the draft's scenario and roster, else the published edition's. */
  readonly scenario: Scenario;
  readonly roster: Roster | null;
  /** Whether the clinic published a week before this one (to compare with). */
  readonly earlier: boolean;
  /** The week's page, and a link back to it for the pages that act on it. */
  readonly url: string;
  readonly back: { readonly href: string; readonly label: string };
  /** The time limit of the job solving the week, when one is. */
  readonly solvingMs: number | null;
}

/**
 * The week a request names, its draft brought up to date with its job (a finished job's roster becomes the
 * draft's); null, with the page already sent, when the clinic has no such week.
 */
export async function weekAt(request: FastifyRequest, reply: FastifyReply, context: DeskContext): Promise<WeekAt | null> {
  const { clinicId, week } = paramsOf(request);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(week) || !DateTime.fromISO(week).isValid) {
    messagePage(reply, 404, "No such week", "There is no such week for this clinic.");
    return null;
  }
  let draft = await context.drafts.get(clinicId, week);
  let solvingMs: number | null = null;
  if (draft?.job) {
    const job = await context.jobs.get(draft.job.id, draft.job.owner);
    if (!job || (job.status !== "queued" && job.status !== "running")) {
      if (job?.roster) await context.drafts.keep(clinicId, week, draft.job.owner, job.roster);
      else await context.drafts.forgetJob(clinicId, week);
      draft = await context.drafts.get(clinicId, week);
    } else solvingMs = (await context.jobs.request(job.id))?.timeLimitMs ?? null;
  }
  const [published, earlier] = await Promise.all([
    context.archive.find(clinicId, `week:${week}`),
    context.archive.find(clinicId, `before:${week}`),
  ]);
  const scenario = draft?.scenario ?? published?.scenario;
  if (!scenario) {
    messagePage(reply, 404, "No such week", "There is no such week for this clinic.");
    return null;
  }
  return {
    clinicId,
    weekStart: week,
    draft,
    published,
    scenario,
    roster: draft ? draft.roster : (published?.roster ?? null),
    earlier: earlier !== undefined,
    solvingMs,
    url: weekUrl(clinicId, week),
    back: { href: weekUrl(clinicId, week), label: "Back to the week" },
  };
}

function solvePanel(at: WeekAt, csrf: string, request: FastifyRequest): string {
  const url = at.url;
  if (!at.draft) return "";
  if (at.draft.job) {
    return `<section class="panel" aria-labelledby="solve-heading"><h2 id="solve-heading">Solving</h2>
<div id="progress" data-events="${esc(url)}/progress" role="status">
<progress max="${at.solvingMs ?? MAX_SECONDS * 1000}" aria-label="Time spent solving"></progress> <output>Waiting for a solver…</output>
</div>
<p class="muted">The page reloads when the solve ends. Without scripts, reload it yourself.</p>
<form method="post" action="${esc(url)}/cancel">${csrfField(csrf)}<button type="submit">Cancel the solve</button></form>
<p class="muted">A cancelled solve keeps the best roster it had found.</p></section>`;
  }
  if (!allows(request.principal, "planner")) return "";
  return `<section class="panel" aria-labelledby="solve-heading"><h2 id="solve-heading">Solve the week</h2>
<form class="stack" method="post" action="${esc(url)}/solve">${csrfField(csrf)}
<label for="solve-seconds">Time limit (seconds)</label>
<input id="solve-seconds" name="seconds" type="number" min="1" max="${MAX_SECONDS}" value="${DEFAULT_SECONDS}" required>
<button type="submit">Solve</button>
</form>${at.roster ? `<p class="muted">Solving again replaces the roster below, hand moves included.</p>` : ""}</section>`;
}

function readPanel(at: WeekAt): string {
  if (!at.draft) return "";
  if (at.draft.notes.length > 0)
    return `<section class="panel" aria-labelledby="read-heading"><h2 id="read-heading">Made from the record</h2>${linesHtml("made-with", at.draft.notes)}</section>`;
  const { scenario, leftOut } = at.draft;
  const rows = leftOut.length
    ? `<section id="left-out" role="alert"><h3>Rows left out (${leftOut.length})</h3><ul>${leftOut.map((l) => `<li>${esc(l)}</li>`).join("")}</ul></section>`
    : "<p>Every row was read.</p>";
  return `<section class="panel" aria-labelledby="read-heading"><h2 id="read-heading">What was read</h2>
<p>${scenario.patients.length} patients, ${scenario.facilitators.length} facilitators, ${scenario.slots.length} slots, ${scenario.rooms.length} rooms.</p>${rows}</section>`;
}

function checkPanel(at: WeekAt, roster: Roster): string {
  const report = validate(at.scenario, roster);
  // The reasons patients are short are the solver's; after a hand move they describe the week, not the move.
  const edited =
    roster.solver.engine === "hand-edited"
      ? `<p id="edited">Edited by hand since it was solved: moves you kept stand; solving again replaces them.</p>`
      : "";
  const status = report.valid
    ? `<p class="ok" id="validator">Checked by the validator: no rule is broken.</p>`
    : `<div id="validator" role="alert"><p class="bad">The validator finds ${report.violations.length} rule breaks: this roster cannot be published or exported.</p><ul>${report.violations
        .slice(0, 50)
        .map((v) => `<li>[${esc(v.rule)}] ${esc(v.message)}</li>`)
        .join("")}</ul></div>`;
  return status + edited;
}

/** When the week was published, in the clinic's time, by whom, and which edition is in force. */
function publishedLine(at: WeekAt): string {
  const { publishedAt, publishedBy, sequence } = at.published!;
  const when = DateTime.fromISO(publishedAt, { zone: at.scenario.clinic.timeZone }).toFormat("ccc d LLL HH:mm");
  return `<p id="published">Published ${esc(when)} by key ${esc(publishedBy)} (edition ${sequence + 1}).</p>`;
}

function publishPanel(at: WeekAt, csrf: string, request: FastifyRequest): string {
  const url = at.url;
  const edition = at.published ? publishedLine(at) : "<p>Not published yet.</p>";
  const form =
    at.draft?.roster && allows(request.principal, "publisher")
      ? `<form method="post" action="${esc(url)}/publish">${csrfField(csrf)}<button type="submit">Publish</button></form>
<p class="muted">${
          at.published
            ? `Publishing again puts this roster in force as edition ${at.published.sequence + 2}; calendars sent again replace those of edition ${at.published.sequence + 1}.`
            : "Publishing puts this roster in force for the week; calendars sent again replace the earlier ones."
        }</p>`
      : "";
  return `<section class="panel" aria-labelledby="publish-heading"><h2 id="publish-heading">Publish</h2>${edition}${form}</section>`;
}

export function weekPage(at: WeekAt, request: FastifyRequest, csrf: string): string {
  const title = `${at.scenario.clinic.name ?? at.clinicId}: week of ${weekLabelOf(at.weekStart)}`;
  const roster = at.roster;
  const url = at.url;
  const rosterPart = roster
    ? `<h2>The roster</h2>${checkPanel(at, roster)}
<div class="actions">
${moveForm(at, roster, csrf, request)}
${publishPanel(at, csrf, request)}
${exportLinks(at, roster)}
</div>
${at.earlier ? `<p class="no-print"><a href="${esc(url)}/since-last-week">Since last week: who moved and why</a></p>` : ""}
${attendanceLink(at)}
${at.draft && allows(request.principal, "planner") ? whatIfForm(at, csrf) : ""}
${rosterSections(at.scenario, roster, [])}`
    : at.draft?.job
      ? ""
      : `<p>No roster yet: solve the week.</p>${at.published ? `${publishedLine(at)}${attendanceLink(at)}` : ""}`;
  const body = `<h1>${esc(title)}</h1>
<div class="actions">
${readPanel(at)}
${solvePanel(at, csrf, request)}
</div>
${rosterPart}`;
  return workspacePage(title, body, {
    who: request.principal,
    csrf,
    crumbs: [
      { label: at.clinicId, href: `/app/clinics/${encodeURIComponent(at.clinicId)}` },
      { label: `Week of ${weekLabelOf(at.weekStart)}` },
    ],
  });
}

/** The hours and days a roster leaves unmet, as the desk compares them. */
export const shortfall = (roster: Roster) => ({
  hours: roster.metrics.totalUnmetHours,
  days: unmetDaysOf(roster),
  served: roster.metrics.patientsFullyServed,
});

export const WEEK_ROUTES: DeskRoute[] = [
  {
    method: "GET",
    url: "/app/clinics/:clinicId/weeks/:week",
    access: "reader",
    summary:
      "A week: what was read, the solve, the roster (grid, each patient's and facilitator's week, who is short and why), moves, publish, exports",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      // The roster is a record the service keeps: showing it is a disclosure.
      if (at.roster)
        await logAccess(context.db, {
          keyId: request.principal.keyId,
          action: "read",
          clinicId: at.clinicId,
          resource: `draft:${at.weekStart}`,
        });
      return sendPage(reply, weekPage(at, request, reply.generateCsrf()));
    },
  },
  {
    method: "POST",
    url: "/app/clinics/:clinicId/weeks/:week/solve",
    access: "planner",
    summary: "Solves the week as a job (last week's published roster kept in view); the page follows its progress",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      if (!at.draft)
        return messagePage(
          reply,
          409,
          "Nothing to solve",
          "This week was published from elsewhere: upload its spreadsheets to plan it here.",
        );
      if (at.draft.job) return seeOther(reply, at.url);
      const seconds = Number((request.body as { seconds?: unknown }).seconds);
      const limit = Number.isFinite(seconds) ? Math.min(MAX_SECONDS, Math.max(1, Math.round(seconds))) : DEFAULT_SECONDS;
      const previous = (await context.archive.find(at.clinicId, `before:${at.weekStart}`)) ? ("published" as const) : undefined;
      const body = await withPublished(
        context,
        request,
        SolveRequest.parse({ scenario: at.draft.scenario, timeLimitMs: limit * 1000, previous }),
      );
      if (typeof body === "string") return messagePage(reply, 409, "Last week cannot be read", body);
      if (await context.jobs.full())
        return messagePage(reply.header("retry-after", "30"), 503, "Busy", "Too many solves are kept: try again in a minute.");
      const job = await context.jobs.add(request.principal.keyId, body, at.clinicId);
      await context.drafts.solving(scenarioOf(body), request.principal.keyId, job.id);
      context.runner.kick();
      return seeOther(reply, at.url);
    },
  },
  {
    method: "GET",
    url: "/app/clinics/:clinicId/weeks/:week/progress",
    access: "planner",
    summary: "The solve's progress as server-sent events (progress, then done)",
    handle: async (request, reply, context) => {
      const { clinicId, week } = paramsOf(request);
      const draft = await context.drafts.get(clinicId, week);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      let open = true;
      request.raw.on("close", () => (open = false));
      try {
        // A server that is stopping hands its jobs back: the page reloads and finds them taken up elsewhere.
        while (open && !context.pool.closing) {
          const job = draft?.job ? await context.jobs.get(draft.job.id, draft.job.owner) : undefined;
          if (!job || (job.status !== "queued" && job.status !== "running")) break;
          if (job.progress) raw.write(`event: progress\ndata: ${JSON.stringify(job.progress)}\n\n`);
          await new Promise((r) => setTimeout(r, PROGRESS_MS));
        }
      } catch {
        // The database cannot be read now: the page reloads, and says so itself.
      } finally {
        raw.end("event: done\ndata: {}\n\n");
      }
    },
  },
  {
    method: "POST",
    url: "/app/clinics/:clinicId/weeks/:week/cancel",
    access: "planner",
    summary: "Cancels the week's solve; its best roster so far is kept",
    handle: async (request, reply, context) => {
      const { clinicId, week } = paramsOf(request);
      const draft = await context.drafts.get(clinicId, week);
      if (draft?.job) {
        const job = await context.jobs.requestCancel(draft.job.id, draft.job.owner);
        if (job) context.runner.cancelHere(job.id);
      }
      return seeOther(reply, weekUrl(clinicId, week));
    },
  },
];
