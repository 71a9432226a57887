// POST /v1/rosters (solve, synchronously, on the pool), POST /v1/rosters/from-csv (the same from a clinic and its
// spreadsheets) and POST /v1/rosters/validate. A solve answers JSON, or an export (?format= or Accept).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  type InputProblem,
  Roster,
  Scenario,
  type SolveOptions,
  SolveOptions as SolveOptionsSchema,
  SolveRequest,
  ValidateRequest,
  parseWith,
  optionsOf,
  scenarioOf,
} from "../../../domain/index.js";
import { diffRosters } from "../../diff.js";
import { RecommendRequest, newPatientProblems, recommend } from "../../recommend.js";
import { validate } from "../../../validator/index.js";
import { CsvSources, csvProblemList, scenarioFromCsv } from "../../csv/scenario-from-csv.js";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  MEDIA_TYPES,
  exportRequestProblem,
  OFFERED_TYPES,
  formatFromAccept,
  renderExport,
} from "../../export/index.js";
import { PAGE_CSP } from "../../export/page.js";
import { CheckRequest, checkEdit, describeCheck } from "../../check-edit.js";
import type { Services } from "../app.js";
import { ownerOf } from "../auth.js";
import { ShuttingDown } from "../pool.js";
import { sendProblem } from "../problems.js";

export const ExportQuery = z.strictObject({
  format: z
    .enum(EXPORT_FORMATS)
    .optional()
    .meta({ description: "An export instead of JSON; also chosen by Accept (text/csv, text/calendar, text/html)" }),
  for: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Whose calendar or sign-in sheets: patient:<id>, facilitator:<id> or track:<id>" }),
});

export const CsvSolveRequest = SolveOptionsSchema.extend(CsvSources.shape);

const RosterWeekSchema = z.strictObject({ roster: Roster, scenario: Scenario.optional() });
export const DiffRequest = z.strictObject({ from: RosterWeekSchema, to: RosterWeekSchema });

const FILES = { patients: "patientsCsv", facilitators: "facilitatorsCsv" };

export async function rosterRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.post("/v1/rosters", async (request, reply) => {
    const parsed = parseWith(SolveRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    const body = await withPublished(services, request, parsed.value);
    if (typeof body === "string") return sendProblem(reply, "invalid-input", { errors: [{ path: "previous", message: body }] });
    return solveAndAnswer(services, request, reply, scenarioOf(body), optionsOf(body));
  });

  app.post("/v1/rosters/from-csv", async (request, reply) => {
    const parsed = parseWith(CsvSolveRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    const { clinic, patientsCsv, facilitatorsCsv, columns, ...options } = parsed.value;
    const read = scenarioFromCsv({ clinic, patientsCsv, facilitatorsCsv, columns });
    const problems = csvProblemList(read.problems, FILES);
    if (!read.scenario) return sendProblem(reply, "invalid-input", { errors: problems });
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
  });

  // A hand edit, checked: the same function and the same lines as `npm run check`.
  app.post("/v1/rosters/check", async (request, reply) => {
    const parsed = parseWith(CheckRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    const result = checkEdit(parsed.value.scenario, parsed.value.roster, parsed.value.against);
    return { ...result, summary: describeCheck(result) };
  });

  // Today's admission placed into the week's groups without re-solving: ranked groups and a set to book.
  app.post("/v1/rosters/recommend", async (request, reply) => {
    const parsed = parseWith(RecommendRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    const problems = newPatientProblems(parsed.value.scenario, parsed.value.patient, parsed.value.roster);
    if (problems.length > 0) return sendProblem(reply, "invalid-input", { errors: problems });
    return recommend(parsed.value);
  });

  // Two rosters of a clinic: who moved and why (the weeks, when sent, give the reasons).
  app.post("/v1/rosters/diff", async (request, reply) => {
    const parsed = parseWith(DiffRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    return diffRosters(parsed.value.from, parsed.value.to);
  });

  // Validation is quick and linear in the roster, so it runs here rather than on the pool.
  app.post("/v1/rosters/validate", async (request, reply) => {
    const parsed = parseWith(ValidateRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    return validate(scenarioOf(parsed.value), parsed.value.roster);
  });
}

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
  const found = await archive.get(ownerOf(request), id, `before:${weekStart}`);
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
