// Jobs outlive the process that took them, and several instances share one database: a kill -9 loses no job and
// finishes none twice; a job posted to one instance is polled and cancelled on another and solved once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServer } from "../../bench/server-process.js";
import { Scenario, type JobView } from "../../src/domain/index.js";
import { validate } from "../../src/validator/index.js";
import { scenarioInput } from "../fixtures.js";
import { RUN_POSTGRES, type ScratchDatabase, scratchDatabase } from "../store/databases.js";
import pg from "pg";

const clinic = scenarioInput();
const short = JSON.stringify({ scenario: clinic, maxIterations: 20_000 });
/** Three seconds of search, then done: long enough to be cut while running. */
const medium = JSON.stringify({ scenario: clinic, maxIterations: 50_000_000, timeLimitMs: 3000 });
const long = JSON.stringify({ scenario: clinic, maxIterations: 50_000_000, timeLimitMs: 60_000 });

async function postJob(server: ServerProcess, body: string): Promise<string> {
  const res = await fetch(`${server.address}/v1/jobs`, { method: "POST", headers: { "content-type": "application/json" }, body });
  expect(res.status).toBe(202);
  return ((await res.json()) as JobView).id;
}

const view = async (server: ServerProcess, id: string) => (await (await fetch(`${server.address}/v1/jobs/${id}`)).json()) as JobView;

async function until(server: ServerProcess, id: string, done: (job: JobView) => boolean, ms = 60_000): Promise<JobView> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = await view(server, id);
    if (done(job) || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const terminal = (job: JobView) => ["done", "failed", "cancelled"].includes(job.status);

function exited(server: ServerProcess): Promise<number | null> {
  return new Promise((resolve) => server.child.on("exit", (code) => resolve(code)));
}

describe("jobs survive the process", () => {
  it("kill -9 while jobs run, restart on the same data folder: every job finishes, once", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "iop-restart-")), "pglite");
    const env = { WORKERS: "1", DATA_DIR: dataDir };
    const first = await startServer(env);
    const ids = [await postJob(first, medium), await postJob(first, short), await postJob(first, short)];
    expect((await until(first, ids[0], (j) => j.status === "running")).status).toBe("running");
    const killed = exited(first);
    first.child.kill("SIGKILL");
    await killed;

    const second = await startServer(env);
    // The folder is one process's: a second instance on it is refused, not let in to corrupt it.
    const intruder = await startServer(env).catch((error: Error) => error.message);
    expect(intruder).toMatch(/exited with 1 before listening: iop-roster: the data folder .* is in use by process \d+/);
    for (const id of ids) {
      const job = await until(second, id, terminal);
      expect(job.status).toBe("done");
      expect(validate(Scenario.parse(clinic), job.roster!).valid).toBe(true);
    }
    const stopped = exited(second);
    second.child.kill("SIGTERM");
    expect(await stopped).toBe(0);

    const db = await PGlite.create(dataDir);
    const rows = (await db.query<{ id: string; attempt: number; status: string }>("select id, attempt, status from jobs")).rows;
    await db.close();
    expect(rows).toHaveLength(3);
    // The job cut by the kill ran a second time; the others once. A stale attempt can never write (store tests).
    expect(Object.fromEntries(rows.map((r) => [r.id, r.attempt]))).toEqual({ [ids[0]]: 2, [ids[1]]: 1, [ids[2]]: 1 });
  }, 120_000);
});

describe.runIf(RUN_POSTGRES)("two instances on one PostgreSQL", () => {
  let scratch: ScratchDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    scratch = await scratchDatabase();
    // Started together: both migrate at once, and the advisory lock lets each migration run once.
    const env = { WORKERS: "1", DATABASE_URL: scratch.url, JOB_LEASE_MS: "2000" };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 60_000);
  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null) s.child.kill("SIGKILL");
    await scratch?.drop();
  });
  const rows = async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query<{ id: string; attempt: number; instance: string; status: string }>(
      "select id, attempt, instance, status from jobs",
    );
    await client.end();
    return rows;
  };

  it("a job posted to one is polled and cancelled on the other, with its best roster so far", async () => {
    const id = await postJob(a, long);
    expect((await until(b, id, (j) => j.status === "running")).status).toBe("running");
    const res = await fetch(`${b.address}/v1/jobs/${id}`, { method: "DELETE" });
    // Answered once the other instance has stopped; on a loaded machine its beat may come later than the DELETE
    // waits, and the job then ends cancelled all the same.
    const answered = (await res.json()) as JobView;
    expect(["cancelled", "running"]).toContain(answered.status);
    const job = answered.status === "cancelled" ? answered : await until(b, id, terminal);
    expect(job.status).toBe("cancelled");
    expect(validate(Scenario.parse(clinic), job.roster!).valid).toBe(true);
    expect((await view(a, id)).status).toBe("cancelled");
  }, 60_000);

  it("jobs posted to both are shared between them and each solved once", async () => {
    const ids = await Promise.all([a, b, a, b, a, b].map((s) => postJob(s, short)));
    for (const id of ids) expect((await until(a, id, terminal)).status).toBe("done");
    const mine = (await rows()).filter((r) => ids.includes(r.id));
    expect(mine.map((r) => r.attempt)).toEqual(ids.map(() => 1));
    expect(new Set(mine.map((r) => r.instance)).size).toBe(2);
  }, 60_000);

  it("kill -9 of the instance running a job: the other takes it over when its lease runs out", async () => {
    const id = await postJob(a, medium);
    const job = await until(a, id, (j) => j.status === "running" || terminal(j));
    if (job.status !== "running") return expect.unreachable("the job finished before it could be cut");
    const runner = (await rows()).find((r) => r.id === id)!.instance;
    const victim = [a, b].find((s) => s.startLog.includes(runner)) ?? null;
    expect(victim).not.toBeNull();
    const survivor = victim === a ? b : a;
    const killed = exited(victim!);
    victim!.child.kill("SIGKILL");
    await killed;
    const finished = await until(survivor, id, terminal);
    expect(finished.status).toBe("done");
    expect((await rows()).find((r) => r.id === id)!.attempt).toBe(2);
  }, 60_000);
});
