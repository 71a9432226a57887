// Liveness, readiness, the program models, the OpenAPI document and its docs page.
import type { FastifyInstance } from "fastify";
import { type Health, PROGRAM_MODELS, type Readiness } from "../../../domain/index.js";
import type { Services } from "../app.js";
import { docsPage, openApiDocument } from "../openapi.js";

export async function metaRoutes(app: FastifyInstance, { config, pool }: Services): Promise<void> {
  const doc = openApiDocument({ auth: config.API_KEYS.length > 0 });
  const page = docsPage(doc);
  app.get("/healthz", async (): Promise<Health> => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const body: Readiness = { ready: pool.accepting, busyWorkers: pool.busy, queued: pool.queued };
    return reply.code(body.ready ? 200 : 503).send(body);
  });
  app.get("/v1/models", async () => [...PROGRAM_MODELS.values()]);
  app.get("/openapi.json", async () => doc);
  app.get("/docs", async (_request, reply) => reply.type("text/html; charset=utf-8").send(page));
}
