// Solving and checking: POST /v1/rosters (solve synchronously on the pool), /from-csv (the same from a clinic and its
// spreadsheets), /check, /recommend, /diff and /validate. A solve answers JSON, or an export (?format= or Accept).
// Each body names its clinic; the key must act for it.
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  type InputProblem,
  type Roster,
  type Scenario,
  type SolveOptions,
  SolveRequest,
  parseWith,
  optionsOf,
  rosterWeekProblems,
  scenarioOf,
  ValidateRequest,
} from "../../../domain/index.js";
import { diffProblems, diffRosters } from "../../diff.js";
import { RecommendRequest, newPatientProblems, recommend } from "../../recommend.js";
import { validate } from "../../../validator/index.js";
import { csvProblemList, scenarioFromCsv } from "../../csv/scenario-from-csv.js";
import { type ExportFormat, MEDIA_TYPES, exportRequestProblem, OFFERED_TYPES, formatFromAccept, renderExport } from "../../export/index.js";
import { PAGE_CSP } from "../../export/page.js";
import { CheckRequest, checkEdit, describeCheck } from "../../check-edit.js";
import { actsFor } from "../auth.js";
import { ShuttingDown } from "../pool.js";
import { sendProblem } from "../problems.js";
import type { RouteSpec } from "../route-table.js";
import { CsvSolveRequest, DiffRequest, ExportQuery } from "../schemas.js";
import type { Services } from "../services.js";

const FILES = { patients: "patientsCsv", facilitators: "facilitatorsCsv" };

/** The answer for a body whose clinic the key does not act for; null when it does. */
export function outOfScope(request: FastifyRequest, reply: FastifyReply, clinicIds: readonly string[]): FastifyReply | null {
  const foreign = clinicIds.find((id) => !actsFor(request, id));
  return foreign === undefined
    ? null
    : sendProblem(reply, "clinic-out-of-scope", { detail: `this key does not act for clinic ${foreign}` });
}

const invalid = (reply: FastifyReply, errors: readonly InputProblem[]) => sendProblem(reply, "invalid-input", { errors });

export const ROSTER_ROUTES: RouteSpec[] = [
  {
    method: "POST",
    url: "/v1/rosters",
    access: "planner",
    operationId: "solveRoster",
    summary: "Solve a scenario and answer with its roster (small scenarios), or an export of it",
    body: "SolveRequest",
    exports: true,
    answers: [{ status: 200, description: "The roster, re-checked by the validator, or the export asked for", content: "Roster" }],
    problems: ["too-large-for-sync", "internal"],
    handle: async (request, reply, services) => {
      const parsed = parseWith(SolveRequest, request.body);
      if (!parsed.ok) return invalid(reply, parsed.problems);
      const scoped = outOfScope(request, reply, [parsed.value.scenario.clinic.id]);
      if (scoped) return scoped;
      const body = await withPublished(services, request, parsed.value);
      if (typeof body === "string") return invalid(reply, [{ path: "previous", message: body }]);
      return solveAndAnswer(services, request, reply, scenarioOf(body), optionsOf(body));
    },
  },
  {
    method: "POST",
    url: "/v1/rosters/from-csv",
    access: "planner",
    operationId: "solveRosterFromCsv",
    summary: "Solve a clinic whose patients (and facilitators) come as CSV text; bad rows are listed and left out",
    body: "CsvSolveRequest",
    exports: true,
    answers: [
      {
        status: 200,
        description: "The roster and what was read, or the export asked for",
        content: "CsvSolveResponse",
        headers: { "X-Rows-Left-Out": "With an export: how many spreadsheet rows were left out (the JSON answer lists them)" },
      },
    ],
    problems: ["too-large-for-sync", "internal"],
    handle: async (request, reply, services) => {
      const parsed = parseWith(CsvSolveRequest, request.body);
      if (!parsed.ok) return invalid(reply, parsed.problems);
      const { clinic, patientsCsv, facilitatorsCsv, columns, ...options } = parsed.value;
      const read = scenarioFromCsv({ clinic, patientsCsv, facilitatorsCsv, columns });
      const problems = csvProblemList(read.problems, FILES);
      if (!read.scenario) return invalid(reply, problems);
      const scoped = outOfScope(request, reply, [read.scenario.clinic.id]);
      if (scoped) return scoped;
      // The rows left out travel with the roster, so a front-end can show what to fix.
      return solveAndAnswer(
        services,
        request,
        reply,
        read.scenario,
        options,
        (roster) => ({ roster, input: { read: read.read, rowsLeftOut: problems, ignoredColumns: read.ignoredColumns } }),
        problems.map((p) => `${p.path}: ${p.message}`),
      );
    },
  },
  {
    method: "POST",
    url: "/v1/rosters/check",
    access: "planner",
    operationId: "checkEditedRoster",
    summary: "Check a hand-edited roster: bookkeeping rebuilt, real rule breaks only, objective against the original",
    body: "CheckRequest",
    answers: [{ status: 200, description: "The check, and the rebuilt roster to save", content: "CheckResponse" }],
    // The same function and the same lines as `npm run check`.
    handle: (request, reply) => {
      const parsed = parseWith(CheckRequest, request.body);
      if (!parsed.ok) return invalid(reply, parsed.problems);
      const { scenario, roster, against } = parsed.value;
      const scoped = outOfScope(request, reply, [scenario.clinic.id]);
      if (scoped) return scoped;
      const foreign = [
        ...rosterWeekProblems(scenario, roster, "roster"),
        ...(against ? rosterWeekProblems(scenario, against, "against") : []),
      ];
      if (foreign.length > 0) return invalid(reply, foreign);
      const result = checkEdit(scenario, roster, against);
      return { ...result, summary: describeCheck(result) };
    },
  },
  {
    method: "POST",
    url: "/v1/rosters/recommend",
    access: "planner",
    operationId: "recommendGroups",
    summary: "Today's admission: the groups of the week's roster a new patient can join, ranked, and a set to book; nothing re-solved",
    body: "RecommendRequest",
    answers: [{ status: 200, description: "Ranked groups and a suggestion", content: "Recommendation" }],
    handle: (request, reply) => {
      const parsed = parseWith(RecommendRequest, request.body);
      if (!parsed.ok) return invalid(reply, parsed.problems);
      const scoped = outOfScope(request, reply, [parsed.value.scenario.clinic.id]);
      if (scoped) return scoped;
      const problems = newPatientProblems(parsed.value.scenario, parsed.value.patient, parsed.value.roster);
      if (problems.length > 0) return invalid(reply, problems);
      return recommend(parsed.value);
    },
  },
  {
    method: "POST",
    url: "/v1/rosters/diff",
    access: "planner",
    operationId: "diffRosters",
    summary:
      "Two rosters of a clinic: who moved from which groups to which and why, admissions, discharges, groups opened and closed, leads changed",
    body: "DiffRequest",
    answers: [{ status: 200, description: "The differences", content: "RosterDiff" }],
    handle: (request, reply) => {
      const parsed = parseWith(DiffRequest, request.body);
      if (!parsed.ok) return invalid(reply, parsed.problems);
      const { from, to } = parsed.value;
      const scoped = outOfScope(request, reply, [from.roster.clinicId, to.roster.clinicId]);
      if (scoped) return scoped;
      const problems = diffProblems(from, to);
      if (problems.length > 0) return invalid(reply, problems);
      return diffRosters(from, to);
    },
  },
  {
    method: "POST",
    url: "/v1/rosters/validate",
    access: "planner",
    operationId: "validateRoster",
    summary: "Re-check any roster against its scenario",
    body: "ValidateRequest",
    answers: [{ status: 200, description: "Violations and recomputed metrics", content: "ValidationReport" }],
    // Validation is quick and linear in the roster, so it runs here rather than on the pool.
    handle: (request, reply) => {
      const parsed = parseWith(ValidateRequest, request.body);
      if (!parsed.ok) return invalid(reply, parsed.problems);
      const scoped = outOfScope(request, reply, [parsed.value.scenario.clinic.id]);
      if (scoped) return scoped;
      return validate(scenarioOf(parsed.value), parsed.value.roster);
    },
  },
];

async function solveAndAnswer(
  { config, pool }: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  scenario: Scenario,
  options: SolveOptions,
  wrap: (roster: unknown) => unknown = (roster) => roster,
  leftOut: readonly string[] = [],
): Promise<unknown> {
  const query = exportAsked(request);
  if (!query.ok) return sendProblem(reply, query.code, query.extra);
  const { format } = query;
  const unfit = format ? exportRequestProblem(format, query.for) : null;
  if (unfit) return sendProblem(reply, "export-unavailable", { detail: unfit });
  if (scenario.patients.length > config.SYNC_PATIENT_LIMIT) {
    return sendProblem(reply, "too-large-for-sync", {
      detail: `${scenario.patients.length} patients; this server answers up to ${config.SYNC_PATIENT_LIMIT} synchronously`,
    });
  }
  const task = pool.submit(scenario, { ...options, timeLimitMs: Math.min(options.timeLimitMs, config.SYNC_TIME_LIMIT_MS) });
  if (!task) return sendProblem(reply, pool.closing ? "shutting-down" : "busy", { retryAfterSeconds: 5 });
  // A client that hangs up no longer wants the roster: its worker goes back to the pool.
  reply.raw.on("close", () => {
    if (!reply.raw.writableEnded) task.cancel();
  });
  let roster;
  try {
    roster = await task.result;
  } catch (error) {
    if (error instanceof ShuttingDown) return sendProblem(reply, "shutting-down", { retryAfterSeconds: 5 });
    return sendProblem(reply, "internal", { detail: "the solve did not complete" });
  }
  if (!format) return wrap(roster);
  return sendExport(reply, format, scenario, roster, query.for, leftOut);
}

/** The request with `previous: "published"` replaced by that roster; what is missing when the clinic has none. */
export async function withPublished({ archive }: Services, request: FastifyRequest, body: SolveRequest): Promise<SolveRequest | string> {
  if (body.previous !== "published") return body;
  const { id, weekStart } = body.scenario.clinic;
  const found = await archive.get(request.principal.keyId, id, `before:${weekStart}`);
  return found ? { ...body, previous: found.roster } : `expected a roster of this clinic published for a week before ${weekStart}; none is`;
}

/** Which export a request asks for (?format= and for=, or Accept); no format means the JSON answer. */
export function exportAsked(
  request: FastifyRequest,
):
  | { ok: true; format: ExportFormat | undefined; for: string | undefined }
  | { ok: false; code: "invalid-input" | "not-acceptable"; extra: { errors?: InputProblem[]; detail?: string } } {
  const query = parseWith(ExportQuery, request.query ?? {});
  if (!query.ok)
    return { ok: false, code: "invalid-input", extra: { errors: query.problems.map((p) => ({ ...p, path: `query.${p.path}` })) } };
  const format = query.value.format ?? formatFromAccept(request.headers.accept);
  if (format === null)
    return { ok: false, code: "not-acceptable", extra: { detail: `this route answers with ${OFFERED_TYPES.join(", ")}` } };
  return { ok: true, format, for: query.value.for };
}

/** A roster's export as the answer, or the problem that says why it cannot be made. */
export function sendExport(
  reply: FastifyReply,
  format: ExportFormat,
  scenario: Scenario,
  roster: Roster,
  forWhom: string | undefined,
  leftOut: readonly string[] = [],
): unknown {
  const rendered = renderExport(format, scenario, roster, forWhom, leftOut);
  // An export has no room for the rows left out (the page lists them): the count travels in a header too.
  reply.header("x-rows-left-out", String(leftOut.length));
  if (!rendered.ok) return sendProblem(reply, "export-unavailable", { detail: rendered.message });
  // Helmet's policy forbids inline styles and scripts; the page and sheets are self-contained, and say exactly what runs.
  if (format === "html" || format === "sign-in")
    reply.header("content-security-policy", format === "html" ? PAGE_CSP : "default-src 'none'; style-src 'unsafe-inline'");
  return reply.type(MEDIA_TYPES[format]).send(rendered.text);
}
