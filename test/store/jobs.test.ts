// The job queue's promises, on PGlite and on a real PostgreSQL server: a job is taken once, a lost instance's job
// goes back to the queue, a stale attempt cannot finish it, cancels reach queued and running jobs, old jobs expire.
import { describe, expect, it } from "vitest";
import { SolveOptions, SolveRequest } from "../../src/domain/index.js";
import { JobQueue } from "../../src/io/store/jobs.js";
import { migrate, migrationFiles } from "../../src/io/store/migrations.js";
import { solve } from "../../src/solver/solve.js";
import { scenario, scenarioInput } from "../fixtures.js";
import { ENGINES, onDatabase } from "./databases.js";

const request = SolveRequest.parse({ scenario: scenarioInput(), maxIterations: 200 });
const roster = solve(scenario(), SolveOptions.parse({ seed: 1, maxIterations: 200 }));
const SETTINGS = { ttlMs: 60_000, maxJobs: 100, leaseMs: 1000 };

describe.each(ENGINES)("the job queue on %s", (_name, open) => {
  const database = onDatabase(open);

  it("migrations apply once: a second run applies nothing", async () => {
    expect(await migrate(database())).toEqual([]);
    const applied = await database().query<{ id: string }>("select id from schema_migrations order by id");
    expect(applied.map((r) => r.id)).toEqual(migrationFiles());
  });

  it("a queued job is taken by one instance only, oldest first", async () => {
    const queue = new JobQueue(database(), SETTINGS);
    const first = await queue.add("key-a", request, "clinic");
    const second = await queue.add("key-a", request, "clinic");
    const claims = await Promise.all([queue.claim("one"), queue.claim("two"), queue.claim("three")]);
    const taken = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(taken.sort()).toEqual([first.id, second.id].sort());
    expect(claims.filter((c) => c === null)).toHaveLength(1);
    expect(claims.find((c) => c?.id === first.id)!.request.scenario.clinic.id).toBe(request.scenario.clinic.id);
    for (const c of claims) if (c) expect(await queue.finish(c, { roster })).toBe(true);
    expect((await queue.get(first.id, "key-a"))!.status).toBe("done");
  });

  it("a job whose instance stopped beating goes back to the queue, and the stale attempt can no longer finish it", async () => {
    const queue = new JobQueue(database(), SETTINGS);
    const job = await queue.add("key-a", request, "clinic");
    const lost = (await queue.claim("killed"))!;
    expect(lost.id).toBe(job.id);
    expect(await queue.recoverAbandoned()).toBe(0);
    await database().query("update jobs set heartbeat_at = now() - interval '2 seconds' where id = $1", [job.id]);
    expect(await queue.recoverAbandoned()).toBe(1);
    const again = (await queue.claim("restarted"))!;
    expect(again).toMatchObject({ id: job.id, attempt: lost.attempt + 1 });
    expect(await queue.heartbeat(lost, null)).toEqual({ held: false, cancelRequested: false });
    expect(await queue.finish(lost, { roster })).toBe(false);
    expect(await queue.finish(again, { roster })).toBe(true);
    expect(await queue.finish(again, { roster })).toBe(false);
    expect((await queue.get(job.id, "key-a"))!.roster).toEqual(roster);
  });

  it("a cancel ends a queued job at once and flags a running one for its instance", async () => {
    const queue = new JobQueue(database(), SETTINGS);
    const waiting = await queue.add("key-a", request, "clinic");
    expect(await queue.requestCancel(waiting.id, "key-b")).toBeUndefined();
    expect(await queue.requestCancel(waiting.id, "key-a")).toMatchObject({ status: "cancelled", error: "cancelled before it started" });
    expect(await queue.claim("any")).toBeNull();
    const running = await queue.add("key-a", request, "clinic");
    const claim = (await queue.claim("one"))!;
    expect((await queue.requestCancel(running.id, "key-a"))!.status).toBe("running");
    expect(await queue.heartbeat(claim, { iterations: 5, bestObjective: 1, elapsedMs: 3 })).toEqual({ held: true, cancelRequested: true });
    expect((await queue.get(running.id, "key-a"))!.progress).toEqual({ iterations: 5, bestObjective: 1, elapsedMs: 3 });
    expect(await queue.finish(claim, { error: "cancelled before the first roster was ready", cancelled: true })).toBe(true);
    expect((await queue.get(running.id, "key-a"))!.status).toBe("cancelled");
  });

  it("a job released by a stopping instance runs again elsewhere; a lost job with a cancel pending ends cancelled", async () => {
    const queue = new JobQueue(database(), SETTINGS);
    const job = await queue.add("key-a", request, "clinic");
    await queue.release((await queue.claim("stopping"))!);
    expect((await queue.get(job.id, "key-a"))!.status).toBe("queued");
    const claim = (await queue.claim("other"))!;
    expect(claim.id).toBe(job.id);
    await queue.requestCancel(job.id, "key-a");
    await database().query("update jobs set heartbeat_at = now() - interval '2 seconds' where id = $1", [job.id]);
    await queue.recoverAbandoned();
    expect((await queue.get(job.id, "key-a"))!.status).toBe("cancelled");
  });

  it("finished jobs expire after their time to live; unknown and malformed ids are simply not found", async () => {
    const queue = new JobQueue(database(), { ...SETTINGS, ttlMs: 1000 });
    const job = await queue.add("key-a", request, "clinic");
    await queue.finish((await queue.claim("one"))!, { roster });
    expect(await queue.get(job.id, "key-a")).toBeDefined();
    await database().query("update jobs set finished_at = now() - interval '2 seconds' where id = $1", [job.id]);
    expect(await queue.get(job.id, "key-a")).toBeUndefined();
    await queue.sweep();
    expect(await database().query("select id from jobs where id = $1", [job.id])).toEqual([]);
    expect(await queue.get("not-a-uuid", "key-a")).toBeUndefined();
    expect(await queue.get("00000000-0000-4000-8000-000000000000", "key-a")).toBeUndefined();
  });
});
