// The job API for large scenarios: start, poll, cancel with the best roster so far. Jobs live in the database, so
// any instance answers for any job, and a job outlives the process that started it.
import type { FastifyInstance } from "fastify";
import { SolveRequest, parseWith, scenarioOf } from "../../../domain/index.js";
import type { Services } from "../app.js";
import { ownerOf } from "../auth.js";
import { STOP_WAIT_MS } from "../pool.js";
import { sendProblem } from "../problems.js";
import { exportAsked, sendExport, withPublished } from "./rosters.js";

/** How long DELETE waits for a cancelled search to hand back its best roster: its thread is ended before that. */
const CANCEL_WAIT_MS = STOP_WAIT_MS + 200;

export async function jobRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { pool, jobs, runner } = services;
  app.post("/v1/jobs", async (request, reply) => {
    const parsed = parseWith(SolveRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    if (pool.closing) return sendProblem(reply, "shutting-down", { retryAfterSeconds: 5 });
    if (await jobs.full())
      return sendProblem(reply, "busy", { detail: "too many jobs are kept; retry when some expire", retryAfterSeconds: 30 });
    // Whichever instance runs the job reads its request from the database: a published roster goes in whole.
    const body = await withPublished(services, request, parsed.value);
    if (typeof body === "string") return sendProblem(reply, "invalid-input", { errors: [{ path: "previous", message: body }] });
    const job = await jobs.add(ownerOf(request), body, parsed.value.scenario.clinic.id);
    runner.kick();
    return reply.code(202).header("location", `/v1/jobs/${job.id}`).send(jobs.view(job));
  });

  app.get<{ Params: { id: string } }>("/v1/jobs/:id", async (request, reply) => {
    const job = await jobs.get(request.params.id, ownerOf(request));
    if (!job) return sendProblem(reply, "job-not-found");
    const query = exportAsked(request);
    if (!query.ok) return sendProblem(reply, query.code, query.extra);
    const { format } = query;
    if (!format) return jobs.view(job);
    // An export of a job is of its finished roster: until then the JSON view says how far it is.
    if (!job.roster)
      return sendProblem(reply, "export-unavailable", { detail: "the job has no roster yet; poll without format until it is done" });
    const solved = await jobs.request(job.id);
    // Expired between the two reads.
    if (!solved) return sendProblem(reply, "job-not-found");
    return sendExport(reply, format, scenarioOf(solved), job.roster, query.for);
  });

  app.delete<{ Params: { id: string } }>("/v1/jobs/:id", async (request, reply) => {
    const owner = ownerOf(request);
    let job = await jobs.requestCancel(request.params.id, owner);
    if (!job) return sendProblem(reply, "job-not-found");
    // Running here: stopped now. Running elsewhere: that instance sees the request at its next heartbeat.
    runner.cancelHere(job.id);
    const deadline = Date.now() + CANCEL_WAIT_MS + runner.beatMs;
    while (job.status === "running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      job = (await jobs.get(job.id, owner)) ?? job;
    }
    return jobs.view(job);
  });
}
