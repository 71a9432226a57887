// The job API for large scenarios: start, poll, cancel with the best roster so far.
import type { FastifyInstance } from "fastify";
import { SolveRequest, parseWith } from "../../../domain/index.js";
import type { Services } from "../app.js";
import { ownerOf } from "../auth.js";
import { STOP_WAIT_MS } from "../pool.js";
import { sendProblem } from "../problems.js";
import { exportAsked, sendExport } from "./rosters.js";

/** How long DELETE waits for a cancelled search to hand back its best roster: its thread is ended before that. */
const CANCEL_WAIT_MS = STOP_WAIT_MS + 200;

export async function jobRoutes(app: FastifyInstance, { pool, jobs }: Services): Promise<void> {
  app.post("/v1/jobs", async (request, reply) => {
    const parsed = parseWith(SolveRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    const { scenario, ...options } = parsed.value;
    if (jobs.full) return sendProblem(reply, "busy", { detail: "too many jobs are kept; retry when some expire", retryAfterSeconds: 30 });
    const task = pool.submit(scenario, options);
    if (!task) return sendProblem(reply, pool.closing ? "shutting-down" : "busy", { retryAfterSeconds: 5 });
    const job = jobs.add(task, ownerOf(request), scenario);
    return reply.code(202).header("location", `/v1/jobs/${job.id}`).send(jobs.view(job));
  });

  app.get<{ Params: { id: string } }>("/v1/jobs/:id", async (request, reply) => {
    const job = jobs.get(request.params.id, ownerOf(request));
    if (!job) return sendProblem(reply, "job-not-found");
    const query = exportAsked(request);
    if (!query.ok) return sendProblem(reply, query.code, query.extra);
    const { format } = query;
    if (!format) return jobs.view(job);
    // An export of a job is of its finished roster: until then the JSON view says how far it is.
    if (!job.roster)
      return sendProblem(reply, "export-unavailable", { detail: "the job has no roster yet; poll without format until it is done" });
    return sendExport(reply, format, job.scenario, job.roster, query.for);
  });

  app.delete<{ Params: { id: string } }>("/v1/jobs/:id", async (request, reply) => {
    const job = jobs.get(request.params.id, ownerOf(request));
    if (!job) return sendProblem(reply, "job-not-found");
    await jobs.cancel(job, CANCEL_WAIT_MS);
    return jobs.view(job);
  });
}
