// The job API for large scenarios: start, poll, cancel with the best roster so far. Jobs live in the database, so
// any instance answers for any job, and a job outlives the process that started it. A job is its key's alone.
import { SolveRequest, scenarioOf } from "../../../domain/index.js";
import { STOP_WAIT_MS } from "../pool.js";
import { sendProblem } from "../problems.js";
import { type RouteSpec, paramsOf } from "../route-table.js";
import { bodyOf, disclose, exportAsked, sendExport, withPublished } from "./answers.js";

/** How long DELETE waits for a cancelled search to hand back its best roster: its thread is ended before that. */
const CANCEL_WAIT_MS = STOP_WAIT_MS + 200;
const JOB = { id: "The job's id, from the Location of its creation" };

export const JOB_ROUTES: RouteSpec[] = [
  {
    method: "POST",
    url: "/v1/jobs",
    access: "planner",
    operationId: "createJob",
    summary: "Start a solve and poll it",
    body: "SolveRequest",
    database: true,
    scoped: true,
    solves: true,
    answers: [{ status: 202, description: "Accepted; poll the Location", content: "JobView", headers: { Location: "The job's URL" } }],
    handle: async (request, reply, services) => {
      const { pool, jobs, runner } = services;
      const parsed = bodyOf(request, reply, SolveRequest, (b) => [b.scenario.clinic.id]);
      if ("answered" in parsed) return parsed.answered;
      if (pool.closing) return sendProblem(reply, "shutting-down", { retryAfterSeconds: 5 });
      if (await jobs.full())
        return sendProblem(reply, "busy", { detail: "too many jobs are kept; retry when some expire", retryAfterSeconds: 30 });
      // Whichever instance runs the job reads its request from the database: a published roster goes in whole.
      const body = await withPublished(services, request, parsed.value);
      if (typeof body === "string") return sendProblem(reply, "invalid-input", { errors: [{ path: "previous", message: body }] });
      const job = await jobs.add(request.principal.keyId, body, parsed.value.scenario.clinic.id);
      runner.kick();
      return reply.code(202).header("location", `/v1/jobs/${job.id}`).send(jobs.view(job));
    },
  },
  {
    method: "GET",
    url: "/v1/jobs/:id",
    access: "planner",
    operationId: "getJob",
    summary: "Status, progress and, when done, the roster; or, when done, an export of it (logged)",
    params: JOB,
    exports: true,
    database: true,
    answers: [{ status: 200, description: "The job, or the export asked for", content: "JobView" }],
    problems: ["job-not-found"],
    handle: async (request, reply, services) => {
      const { jobs } = services;
      const { id } = paramsOf(request);
      const job = await jobs.get(id, request.principal.keyId);
      if (!job) return sendProblem(reply, "job-not-found");
      const query = exportAsked(request);
      if (!query.ok) return sendProblem(reply, query.code, query.extra);
      const { format } = query;
      const entry = { clinicId: job.clinicId, resource: `job:${job.id}` };
      if (!format) {
        if (job.roster) await disclose(request, services, { ...entry, action: "read" });
        return jobs.view(job);
      }
      // An export of a job is of its finished roster: until then the JSON view says how far it is.
      if (!job.roster)
        return sendProblem(reply, "export-unavailable", { detail: "the job has no roster yet; poll without format until it is done" });
      const solved = await jobs.request(job.id);
      // Expired between the two reads.
      if (!solved) return sendProblem(reply, "job-not-found");
      return sendExport(reply, format, scenarioOf(solved), job.roster, query.for, [], () =>
        disclose(request, services, { ...entry, action: "export", format, subject: query.for }),
      );
    },
  },
  {
    method: "DELETE",
    url: "/v1/jobs/:id",
    access: "planner",
    operationId: "cancelJob",
    summary: "Cancel; answers with the best roster so far",
    params: JOB,
    database: true,
    answers: [{ status: 200, description: "The job", content: "JobView" }],
    problems: ["job-not-found"],
    handle: async (request, reply, services) => {
      const { jobs, runner } = services;
      const owner = request.principal.keyId;
      let job = await jobs.requestCancel(paramsOf(request).id, owner);
      if (!job) return sendProblem(reply, "job-not-found");
      // Running here: stopped now. Running elsewhere: that instance sees the request at its next heartbeat.
      runner.cancelHere(job.id);
      // Elsewhere, a loaded instance's beat can come late: a few beats, still well inside its lease.
      const deadline = Date.now() + CANCEL_WAIT_MS + 3 * runner.beatMs;
      while (job.status === "running" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        job = (await jobs.get(job.id, owner)) ?? job;
      }
      if (job.roster) await disclose(request, services, { clinicId: job.clinicId, resource: `job:${job.id}`, action: "read" });
      return jobs.view(job);
    },
  },
];
