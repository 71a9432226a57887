// Liveness, readiness (the solver pool and the database), the program models, the OpenAPI document and its page.
import { type Health, PROGRAM_MODELS, type Readiness } from "../../../domain/index.js";
import type { RouteSpec } from "../route-table.js";

/** A database that does not answer `select 1` within this long is reported unavailable. */
const READY_DB_MS = 1000;

export const META_ROUTES: RouteSpec[] = [
  {
    method: "GET",
    url: "/healthz",
    access: "public",
    operationId: "health",
    summary: "The process is alive",
    answers: [{ status: 200, description: "ok", content: "Health" }],
    handle: (): Health => ({ status: "ok" }),
  },
  {
    method: "GET",
    url: "/readyz",
    access: "public",
    operationId: "ready",
    summary: "A solve would be accepted now and the database answers",
    answers: [
      { status: 200, description: "ready", content: "Readiness" },
      { status: 503, description: "not ready: the pool is closing or full, or the database does not answer", content: "Readiness" },
    ],
    handle: async (_request, reply, { pool, db }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READY_DB_MS)));
      const answered = await Promise.race([
        db.query("select 1").then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
      clearTimeout(timer);
      const body: Readiness = {
        ready: pool.accepting && answered && pool.warming === 0,
        busyWorkers: pool.busy,
        warmingWorkers: pool.warming,
        queued: pool.queued,
        database: answered ? "ok" : "unavailable",
      };
      return reply.code(body.ready ? 200 : 503).send(body);
    },
  },
  {
    method: "GET",
    url: "/v1/models",
    access: "reader",
    operationId: "listModels",
    summary: "The shipped program models",
    answers: [{ status: 200, description: "Program models", content: { arrayOf: "ProgramModel" } }],
    handle: () => [...PROGRAM_MODELS.values()],
  },
  {
    method: "GET",
    url: "/openapi.json",
    access: "public",
    operationId: "openApiDocument",
    summary: "This document",
    answers: [{ status: 200, description: "OpenAPI 3.1" }],
    handle: (_request, _reply, { document }) => document,
  },
  {
    method: "GET",
    url: "/docs",
    access: "public",
    operationId: "docsPage",
    summary: "The routes and problem types as a page",
    answers: [{ status: 200, description: "HTML", content: "html" }],
    handle: (_request, reply, { docsPage }) => reply.type("text/html; charset=utf-8").send(docsPage),
  },
];
