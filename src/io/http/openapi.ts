// The OpenAPI document, generated from the domain's zod schemas: no second copy of any shape.
import { z } from "zod";
import {
  AccessEntry,
  Health,
  JobView,
  PROGRAM_MODELS,
  Problem,
  PublishRequest,
  Published,
  PublishedSummary,
  Readiness,
  ProgramModel,
  Roster,
  SolveRequest,
  ValidateRequest,
  ValidationReport,
} from "../../domain/index.js";
import { CheckRequest, CheckResponse } from "../check-edit.js";
import { CsvSolveResponse } from "../csv/scenario-from-csv.js";
import { PROBLEMS } from "./problems.js";
import { CsvSolveRequest, DiffRequest, ExportQuery } from "./routes/rosters.js";
import { RosterDiff } from "../diff.js";
import { RecommendRequest, Recommendation } from "../recommend.js";

const schema = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" });

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer" } } };
/** One response per status; codes sharing a status are listed together in its description. */
const problems = (...codes: (keyof typeof PROBLEMS)[]) => {
  const byStatus = new Map<number, string[]>();
  for (const c of codes) byStatus.set(PROBLEMS[c].status, [...(byStatus.get(PROBLEMS[c].status) ?? []), `${c}: ${PROBLEMS[c].title}`]);
  return Object.fromEntries(
    [...byStatus].map(([status, lines]) => [
      String(status),
      {
        description: lines.join("; "),
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    ]),
  );
};
const body = [
  "malformed-json",
  "forbidden-key",
  "invalid-body",
  "body-too-large",
  "list-too-long",
  "unsupported-media-type",
  "invalid-input",
  "request-timeout",
  "busy",
  "shutting-down",
] as const;

const QUERY = schema(ExportQuery, "input") as { properties: Record<string, { description?: string }> };
const EXPORT_PARAMETERS = Object.entries(QUERY.properties).map(([name, property]) => ({
  name,
  in: "query",
  required: false,
  description: property.description,
  schema: property,
}));
const jsonArray = (ref: string) => ({ "application/json": { schema: { type: "array", items: { $ref: `#/components/schemas/${ref}` } } } });
const CLINIC = { name: "clinicId", in: "path", required: true, schema: { type: "string" } };
const text = { schema: { type: "string" } };
const EXPORTS = { "text/csv": text, "text/calendar": text, "text/html": text };

const HEALTH = schema(Health, "output");
const READY = schema(Readiness, "output");

/**
 * The document as this server runs: bearer authentication (and its 401) is declared only when API keys are set,
 * so a generated client for a keyless local server asks for none.
 */
export function openApiDocument(options: { auth: boolean }): Record<string, unknown> {
  const guarded = options.auth ? (["unauthorized", "rate-limited"] as const) : (["rate-limited"] as const);
  const common = [...guarded, ...body] as const;
  return {
    openapi: "3.1.0",
    info: {
      title: "IOP roster optimizer",
      version: "1",
      description: `Weekly group rosters for intensive outpatient programs. Shipped program models: ${[...PROGRAM_MODELS.keys()].join(", ")}. Every roster is a 42 CFR Part 2 record.`,
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/", description: "This server" }],
    components: {
      ...(options.auth ? { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } } : {}),
      schemas: {
        SolveRequest: schema(SolveRequest, "input"),
        ValidateRequest: schema(ValidateRequest, "input"),
        CsvSolveRequest: schema(CsvSolveRequest, "input"),
        CsvSolveResponse: schema(CsvSolveResponse, "output"),
        CheckRequest: schema(CheckRequest, "input"),
        DiffRequest: schema(DiffRequest, "input"),
        RecommendRequest: schema(RecommendRequest, "input"),
        Recommendation: schema(Recommendation, "output"),
        PublishRequest: schema(PublishRequest, "input"),
        PublishedSummary: schema(PublishedSummary, "output"),
        Published: schema(Published, "output"),
        AccessEntry: schema(AccessEntry, "output"),
        RosterDiff: schema(RosterDiff, "output"),
        CheckResponse: schema(CheckResponse, "output"),
        Roster: schema(Roster, "output"),
        ValidationReport: schema(ValidationReport, "output"),
        JobView: schema(JobView, "output"),
        ProgramModel: schema(ProgramModel, "output"),
        Problem: schema(Problem, "output"),
      },
    },
    // Without keys the server asks for no credentials, and says so explicitly.
    security: options.auth ? [{ bearer: [] }] : [],
    paths: {
      "/v1/rosters": {
        post: {
          operationId: "solveRoster",
          summary: "Solve a scenario and answer with its roster (small scenarios), or an export of it",
          parameters: EXPORT_PARAMETERS,
          requestBody: { required: true, content: json("SolveRequest") },
          responses: {
            "200": {
              description: "The roster, re-checked by the validator, or the export asked for",
              content: { ...json("Roster"), ...EXPORTS },
            },
            ...problems(...common, "too-large-for-sync", "export-unavailable", "not-acceptable", "internal"),
          },
        },
      },
      "/v1/rosters/from-csv": {
        post: {
          operationId: "solveRosterFromCsv",
          summary: "Solve a clinic whose patients (and facilitators) come as CSV text; bad rows are listed and left out",
          parameters: EXPORT_PARAMETERS,
          requestBody: { required: true, content: json("CsvSolveRequest") },
          responses: {
            "200": {
              description: "The roster and what was read, or the export asked for",
              content: { ...json("CsvSolveResponse"), ...EXPORTS },
            },
            ...problems(...common, "too-large-for-sync", "export-unavailable", "not-acceptable", "internal"),
          },
        },
      },
      "/v1/rosters/check": {
        post: {
          operationId: "checkEditedRoster",
          summary: "Check a hand-edited roster: bookkeeping rebuilt, real rule breaks only, objective against the original",
          requestBody: { required: true, content: json("CheckRequest") },
          responses: {
            "200": { description: "The check, and the rebuilt roster to save", content: json("CheckResponse") },
            ...problems(...common),
          },
        },
      },
      "/v1/clinics/{clinicId}/rosters": {
        parameters: [CLINIC],
        post: {
          operationId: "publishRoster",
          summary: "Put a roster in force for its week (the validator must pass it); logged",
          requestBody: { required: true, content: json("PublishRequest") },
          responses: {
            "201": {
              description: "Published",
              headers: { Location: { description: "The published roster's URL", schema: { type: "string" } } },
              content: json("PublishedSummary"),
            },
            ...problems(...common),
          },
        },
        get: {
          operationId: "listPublishedRosters",
          summary: "The clinic's published rosters, newest week first (no roster content)",
          responses: { "200": { description: "Publications", content: jsonArray("PublishedSummary") }, ...problems(...guarded) },
        },
      },
      "/v1/clinics/{clinicId}/rosters/{which}": {
        parameters: [
          CLINIC,
          { name: "which", in: "path", required: true, description: "A publication id, or latest", schema: { type: "string" } },
        ],
        get: {
          operationId: "getPublishedRoster",
          summary: "A published roster with its scenario, or an export of it; logged in the access log",
          parameters: EXPORT_PARAMETERS,
          responses: {
            "200": { description: "The publication, or the export asked for", content: { ...json("Published"), ...EXPORTS } },
            ...problems("not-found", "invalid-input", "export-unavailable", "not-acceptable", ...guarded),
          },
        },
      },
      "/v1/clinics/{clinicId}/access-log": {
        parameters: [CLINIC],
        get: {
          operationId: "getAccessLog",
          summary: "Who (API key id) published, read or exported the clinic's rosters, and when; no patient data",
          responses: { "200": { description: "Entries, oldest first", content: jsonArray("AccessEntry") }, ...problems(...guarded) },
        },
      },
      "/v1/rosters/recommend": {
        post: {
          operationId: "recommendGroups",
          summary:
            "Today's admission: the groups of the week's roster a new patient can join, ranked, and a set to book; nothing re-solved",
          requestBody: { required: true, content: json("RecommendRequest") },
          responses: { "200": { description: "Ranked groups and a suggestion", content: json("Recommendation") }, ...problems(...common) },
        },
      },
      "/v1/rosters/diff": {
        post: {
          operationId: "diffRosters",
          summary:
            "Two rosters of a clinic: who moved from which groups to which and why, admissions, discharges, groups opened and closed, leads changed",
          requestBody: { required: true, content: json("DiffRequest") },
          responses: {
            "200": { description: "The differences", content: json("RosterDiff") },
            ...problems(...common),
          },
        },
      },
      "/v1/rosters/validate": {
        post: {
          operationId: "validateRoster",
          summary: "Re-check any roster against its scenario",
          requestBody: { required: true, content: json("ValidateRequest") },
          responses: {
            "200": { description: "Violations and recomputed metrics", content: json("ValidationReport") },
            ...problems(...common),
          },
        },
      },
      "/v1/jobs": {
        post: {
          operationId: "createJob",
          summary: "Start a solve and poll it",
          requestBody: { required: true, content: json("SolveRequest") },
          responses: {
            "202": {
              description: "Accepted; poll the Location",
              headers: { Location: { description: "The job's URL", schema: { type: "string" } } },
              content: json("JobView"),
            },
            ...problems(...common),
          },
        },
      },
      "/v1/jobs/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: {
          operationId: "getJob",
          summary: "Status, progress and, when done, the roster; or, when done, an export of it",
          parameters: EXPORT_PARAMETERS,
          responses: {
            "200": { description: "The job, or the export asked for", content: { ...json("JobView"), ...EXPORTS } },
            ...problems("job-not-found", "invalid-input", "export-unavailable", "not-acceptable", ...guarded),
          },
        },
        delete: {
          operationId: "cancelJob",
          summary: "Cancel; answers with the best roster so far",
          responses: { "200": { description: "The job", content: json("JobView") }, ...problems("job-not-found", ...guarded) },
        },
      },
      "/v1/models": {
        get: {
          operationId: "listModels",
          summary: "The shipped program models",
          responses: {
            "200": {
              description: "Program models",
              content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/ProgramModel" } } } },
            },
            ...problems(...guarded),
          },
        },
      },
      "/healthz": {
        get: {
          operationId: "health",
          summary: "The process is alive",
          security: [],
          responses: { "200": { description: "ok", content: { "application/json": { schema: HEALTH } } }, ...problems("bad-request") },
        },
      },
      "/readyz": {
        get: {
          operationId: "ready",
          summary: "A solve would be accepted now",
          security: [],
          responses: {
            "200": { description: "ready", content: { "application/json": { schema: READY } } },
            "503": { description: "not ready", content: { "application/json": { schema: READY } } },
            ...problems("bad-request"),
          },
        },
      },
    },
  };
}

export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, { summary?: string }>>;
  const rows = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => method !== "parameters")
      .map(
        ([method, op]) => `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${path}</code></td><td>${op.summary ?? ""}</td></tr>`,
      ),
  );
  const codes = Object.entries(PROBLEMS).map(
    ([code, p]) => `<tr><td><code>urn:iop-roster:problem:${code}</code></td><td>${p.status}</td><td>${p.title}</td></tr>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>IOP roster API</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td{padding:.2rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}</style></head>
<body><h1>IOP roster API</h1><p>Schemas: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, generated from the zod schemas). Send <code>Authorization: Bearer &lt;key&gt;</code> when the server has API keys.</p>
<h2>Routes</h2><table>${rows.join("")}</table><h2>Problem types (RFC 9457)</h2><table>${codes.join("")}</table></body></html>`;
}
