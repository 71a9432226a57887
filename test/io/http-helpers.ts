// Building the HTTP app for tests with its own small pool and a captured log.
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/io/http/app.js";
import { loadConfig } from "../../src/io/http/config.js";
import { JobStore } from "../../src/io/http/jobs.js";
import { SolverPool } from "../../src/io/http/pool.js";

export interface TestServer {
  readonly app: FastifyInstance;
  readonly pool: SolverPool;
  readonly logs: string[];
  close(): Promise<void>;
}

export async function testServer(env: Record<string, string> = {}): Promise<TestServer> {
  const parsed = loadConfig({ WORKERS: "1", QUEUE_LIMIT: "4", LOG_LEVEL: "info", ...env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const config = parsed.value;
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const pool = new SolverPool(config.WORKERS, config.QUEUE_LIMIT);
  const jobs = new JobStore(config.JOB_TTL_MS, config.MAX_JOBS);
  const app = await buildApp({ config, pool, jobs }, { logStream });
  return {
    app,
    pool,
    logs,
    close: async () => {
      await pool.close(0);
      await app.close();
      jobs.close();
    },
  };
}
