// Building the HTTP app for tests with its own small pool, its own database and a captured log.
import { Writable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/io/http/app.js";
import { loadConfig } from "../../src/io/http/config.js";
import type { SolverPool } from "../../src/io/http/pool.js";
import { openServices } from "../../src/io/http/services.js";
import type { Db } from "../../src/io/store/db.js";
import { freshDb } from "../store/databases.js";

export interface TestServer {
  readonly app: FastifyInstance;
  readonly pool: SolverPool;
  readonly db: Db;
  readonly logs: string[];
  /** Every route the app registered, as method and fastify pattern. */
  readonly routes: { method: string; url: string }[];
  close(): Promise<void>;
}

export async function testServer(env: Record<string, string> = {}): Promise<TestServer> {
  const parsed = loadConfig({ WORKERS: "1", QUEUE_LIMIT: "4", LOG_LEVEL: "info", WARM_UP: "off", ...env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // With DATABASE_URL the services open (and close) that server themselves; else a fresh PGlite of the test's own.
  const own = parsed.value.DATABASE_URL === undefined ? await freshDb() : undefined;
  const services = await openServices(parsed.value, own);
  const routes: { method: string; url: string }[] = [];
  const app = await buildApp(services, { logStream, onRoute: (method, url) => routes.push({ method, url }) });
  services.runner.start(app.log);
  return {
    app,
    pool: services.pool,
    db: services.db,
    logs,
    routes,
    close: async () => {
      await services.close(0, app.close());
      await own?.close();
    },
  };
}

/** A request with a bearer key, and a JSON body when one is given. */
export function callWithKey(server: TestServer, key: string, method: "GET" | "POST" | "DELETE", url: string, body?: unknown) {
  return server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** One server for a describe block's tests (opened before them, closed after), and a JSON POST to it. */
export function serverForBlock(env: Record<string, string> = {}) {
  const held: { server?: TestServer } = {};
  beforeAll(async () => {
    held.server = await testServer(env);
  });
  afterAll(async () => held.server?.close());
  const app = () => held.server!.app;
  const post = (url: string, body: unknown) =>
    app().inject({ method: "POST", url, headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
  return { app, post };
}
