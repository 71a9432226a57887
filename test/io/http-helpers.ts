// Building the HTTP app for tests with its own small pool, its own database and a captured log.
import { Writable } from "node:stream";
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
  close(): Promise<void>;
}

export async function testServer(env: Record<string, string> = {}): Promise<TestServer> {
  const parsed = loadConfig({ WORKERS: "1", QUEUE_LIMIT: "4", LOG_LEVEL: "info", ...env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const db = await freshDb();
  const services = await openServices(parsed.value, db);
  const app = await buildApp(services, { logStream });
  services.runner.start(app.log);
  return {
    app,
    pool: services.pool,
    db,
    logs,
    close: async () => {
      await services.close(0, app.close());
      await db.close();
    },
  };
}
