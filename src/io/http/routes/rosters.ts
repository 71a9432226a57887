// Solving and checking: POST /v1/rosters (solve synchronously on the pool), /from-csv (the same from a clinic and its
// spreadsheets), /check, /recommend, /diff, /validate and /export (a given roster's export, nothing solved). A solve
// answers JSON, or an export (?format= or Accept).
// Each body names its clinic; the key must act for it.
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  type InputProblem,
  type Scenario,
  type SolveOptions,
  SolveRequest,
  optionsOf,
  rosterWeekProblems,
  scenarioOf,
  ValidateRequest,
} from "../../../domain/index.js";
import { diffProblems, diffRosters } from "../../../app/diff.js";
import { RecommendRequest, newPatientProblems, recommend } from "../../../app/recommend.js";
import { validate } from "../../../validator/index.js";
import { csvProblemList, scenarioFromCsv } from "../../csv/scenario-from-csv.js";
import { EXPORT_FORMATS, exportRequestProblem, refusedByValidator } from "../../export/index.js";
import { CheckRequest, checkEdit, describeCheck } from "../../../app/check-edit.js";
import { ShuttingDown } from "../pool.js";
import { sendProblem } from "../problems.js";
import type { RouteSpec } from "../route-table.js";
import { CsvSolveRequest, DiffRequest } from "../schemas.js";
import { bodyOf, exportAsked, outOfScope, sendExport, withPublished } from "./answers.js";
import type { Services } from "../services.js";

const FILES = { patients: "patientsCsv", facilitators: "facilitatorsCsv" };

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
    scoped: true,
    solves: true,
    // previous: "published" reads last week's roster from it.
    database: true,
    answers: [{ status: 200, description: "The roster, re-checked by the validator, or the export asked for", content: "Roster" }],
    problems: ["too-large-for-sync", "internal"],
    handle: async (request, reply, services) => {
      const read = bodyOf(request, reply, SolveRequest, (b) => [b.scenario.clinic.id]);
      if ("answered" in read) return read.answered;
      const body = await withPublished(services, request, read.value);
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
    scoped: true,
    solves: true,
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
      const parsed = bodyOf(request, reply, CsvSolveRequest);
      if ("answered" in parsed) return parsed.answered;
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
    scoped: true,
    answers: [{ status: 200, description: "The check, and the rebuilt roster to save", content: "CheckResponse" }],
    // The same function and the same lines as `npm run check`.
    handle: (request, reply) => {
      const read = bodyOf(request, reply, CheckRequest, (b) => [
        b.scenario.clinic.id,
        b.roster.clinicId,
        ...(b.against ? [b.against.clinicId] : []),
      ]);
      if ("answered" in read) return read.answered;
      const { scenario, roster, against } = read.value;
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
    scoped: true,
    answers: [{ status: 200, description: "Ranked groups and a suggestion", content: "Recommendation" }],
    handle: (request, reply) => {
      const read = bodyOf(request, reply, RecommendRequest, (b) => [b.scenario.clinic.id, b.roster.clinicId]);
      if ("answered" in read) return read.answered;
      const problems = newPatientProblems(read.value.scenario, read.value.patient, read.value.roster);
      if (problems.length > 0) return invalid(reply, problems);
      return recommend(read.value);
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
    scoped: true,
    answers: [{ status: 200, description: "The differences", content: "RosterDiff" }],
    handle: (request, reply) => {
      const read = bodyOf(request, reply, DiffRequest, (b) => [b.from.roster.clinicId, b.to.roster.clinicId]);
      if ("answered" in read) return read.answered;
      const { from, to } = read.value;
      const problems = diffProblems(from, to);
      if (problems.length > 0) return invalid(reply, problems);
      return diffRosters(from, to);
    },
  },
  {
    method: "POST",
    url: "/v1/rosters/export",
    access: "reader",
    operationId: "exportRoster",
    summary:
      "An export of a roster the client holds (a hand edit rebuilt by check, today's admission booked), nothing solved; the validator must pass it",
    body: "ValidateRequest",
    exports: true,
    scoped: true,
    answers: [{ status: 200, description: "The export asked for (?format= or Accept)" }],
    // What the client sent comes back in another form: no kept record is disclosed, so nothing is logged.
    handle: (request, reply) => {
      const read = bodyOf(request, reply, ValidateRequest, (b) => [b.scenario.clinic.id, b.roster.clinicId]);
      if ("answered" in read) return read.answered;
      const scenario = scenarioOf(read.value);
      const { roster } = read.value;
      const query = exportAsked(request);
      if (!query.ok) return sendProblem(reply, query.code, query.extra);
      if (!query.format)
        return sendProblem(reply, "export-unavailable", { detail: `say which export: ?format=${EXPORT_FORMATS.join("|")}, or Accept` });
      const foreign = rosterWeekProblems(scenario, roster, "roster");
      if (foreign.length > 0) return invalid(reply, foreign);
      const report = validate(scenario, roster);
      if (!report.valid)
        return invalid(reply, [{ path: "roster", message: refusedByValidator(report.violations.length, report.metricMismatches) }]);
      return sendExport(reply, query.format, scenario, roster, query.for);
    },
  },
  {
    method: "POST",
    url: "/v1/rosters/validate",
    access: "planner",
    operationId: "validateRoster",
    summary: "Re-check any roster against its scenario",
    body: "ValidateRequest",
    scoped: true,
    answers: [{ status: 200, description: "Violations and recomputed metrics", content: "ValidationReport" }],
    // Validation is quick and linear in the roster, so it runs here rather than on the pool.
    handle: (request, reply) => {
      const read = bodyOf(request, reply, ValidateRequest, (b) => [b.scenario.clinic.id, b.roster.clinicId]);
      if ("answered" in read) return read.answered;
      return validate(scenarioOf(read.value), read.value.roster);
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
