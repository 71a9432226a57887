// The OpenAPI document, generated from the route table and the zod schemas: no second copy of any route or shape.
import { z } from "zod";
import { PROGRAM_MODELS } from "../../domain/index.js";
import { esc } from "../export/html.js";
import { EXPORT_MEDIA_TYPES, MEDIA_TYPES } from "../export/index.js";
import { type ProblemCode, PROBLEMS } from "./problems.js";
import type { Content, RouteSpec } from "./route-table.js";
import { ExportQuery, SCHEMAS } from "./schemas.js";

const schema = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer" } } };
const TEXT = { schema: { type: "string" } };
/** Every media type an export is answered in (a workbook is bytes, the rest text). */
const EXPORTS = Object.fromEntries(
  EXPORT_MEDIA_TYPES.map((type) => [type, type === MEDIA_TYPES.xlsx ? { schema: { type: "string", format: "binary" } } : TEXT]),
);

/** One response per status; codes sharing a status are listed together in its description. */
function problemResponses(codes: readonly ProblemCode[]): Record<string, unknown> {
  const byStatus = new Map<number, string[]>();
  for (const c of new Set(codes))
    byStatus.set(PROBLEMS[c].status, [...(byStatus.get(PROBLEMS[c].status) ?? []), `${c}: ${PROBLEMS[c].title}`]);
  return Object.fromEntries(
    [...byStatus].map(([status, lines]) => [
      String(status),
      {
        description: lines.join("; "),
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
        content: { "application/problem+json": { schema: ref("Problem") } },
      },
    ]),
  );
}

const BODY_PROBLEMS: readonly ProblemCode[] = [
  "malformed-json",
  "forbidden-key",
  "invalid-body",
  "body-too-large",
  "list-too-long",
  "unsupported-media-type",
  "invalid-input",
  "request-timeout",
];
const EXPORT_PROBLEMS: readonly ProblemCode[] = ["invalid-input", "export-unavailable", "not-acceptable"];

/** Every problem a route may answer: its own, and those that follow from its access, body, scope and exports. */
export function problemsOf(route: RouteSpec, auth: boolean): ProblemCode[] {
  if (route.access === "public") return ["bad-request"];
  return [
    // Keys kept in the database are looked up there; a reader's is the least role, so it is never short of one.
    ...(auth ? (["unauthorized", "database-unavailable"] as const) : (["misdirected"] as const)),
    ...(auth && route.access !== "reader" ? (["forbidden"] as const) : []),
    "rate-limited",
    ...(route.database ? (["database-unavailable"] as const) : []),
    ...(route.body ? BODY_PROBLEMS : []),
    ...(route.solves ? (["busy", "shutting-down"] as const) : []),
    ...(route.scoped && auth ? (["clinic-out-of-scope"] as const) : []),
    ...(route.params ? (["not-found"] as const) : []),
    ...(route.exports ? EXPORT_PROBLEMS : []),
    ...(route.problems ?? []),
  ];
}

const QUERY = schema(ExportQuery, "input") as { properties: Record<string, { description?: string }> };
const EXPORT_PARAMETERS = Object.entries(QUERY.properties).map(([name, property]) => ({
  name,
  in: "query",
  required: false,
  description: property.description,
  schema: property,
}));

const contentOf = (content: Content | undefined, exports: boolean) => {
  const json =
    content === undefined
      ? undefined
      : content === "html"
        ? { "text/html": TEXT }
        : { "application/json": { schema: typeof content === "string" ? ref(content) : { type: "array", items: ref(content.arrayOf) } } };
  return json || exports ? { content: { ...json, ...(exports ? EXPORTS : {}) } } : {};
};

/** fastify's /a/:b as OpenAPI's /a/{b}. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, "{$1}");

function operation(route: RouteSpec, auth: boolean) {
  const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    description: route.params?.[name],
    schema: { type: "string" },
  }));
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.access === "public" ? "Open to anyone." : `Needs a key with the role ${route.access} or above.`,
    ...(route.access === "public" && auth ? { security: [] } : {}),
    ...(params.length + (route.exports ? 1 : 0) > 0 ? { parameters: [...params, ...(route.exports ? EXPORT_PARAMETERS : [])] } : {}),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(route.body) } } } } : {}),
    responses: {
      ...Object.fromEntries(
        route.answers.map((a, i) => [
          String(a.status),
          {
            description: a.description,
            ...(a.headers
              ? {
                  headers: Object.fromEntries(
                    Object.entries(a.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }]),
                  ),
                }
              : {}),
            ...contentOf(a.content, i === 0 && route.exports === true),
          },
        ]),
      ),
      ...problemResponses(problemsOf(route, auth)),
    },
  };
}

/**
 * The document as this server runs: bearer authentication (and its 401 and 403) is declared only when API keys are
 * set, so a generated client for a keyless local server asks for none.
 */
export function openApiDocument(routes: readonly RouteSpec[], options: { auth: boolean }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[openApiPath(route.url)] ??= {})[route.method.toLowerCase()] = operation(route, options.auth);
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
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, [s, io]]) => [name, schema(s, io)])),
    },
    // Without keys the server asks for no credentials, and says so explicitly.
    security: options.auth ? [{ bearer: [] }] : [],
    paths,
  };
}

export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, { summary?: string; description?: string }>>;
  const rows = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary ?? "")}</td><td>${esc(op.description ?? "")}</td></tr>`,
    ),
  );
  const codes = Object.entries(PROBLEMS).map(
    ([code, p]) => `<tr><td><code>urn:iop-roster:problem:${code}</code></td><td>${p.status}</td><td>${esc(p.title)}</td></tr>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>IOP roster API</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td{padding:.2rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}</style></head>
<body><h1>IOP roster API</h1><p>Schemas: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, generated from the zod schemas). Send <code>Authorization: Bearer &lt;key&gt;</code> when the server has API keys.</p>
<h2>Routes</h2><table>${rows.join("")}</table><h2>Problem types (RFC 9457)</h2><table>${codes.join("")}</table></body></html>`;
}
