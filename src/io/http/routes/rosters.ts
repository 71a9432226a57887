// POST /v1/rosters (solve, synchronously, on the pool) and POST /v1/rosters/validate.
import type { FastifyInstance } from "fastify";
import { SolveRequest, ValidateRequest, parseWith } from "../../../domain/index.js";
import { validate } from "../../../validator/index.js";
import type { Services } from "../app.js";
import { ShuttingDown } from "../pool.js";
import { sendProblem } from "../problems.js";

export async function rosterRoutes(app: FastifyInstance, { config, pool }: Services): Promise<void> {
  app.post("/v1/rosters", async (request, reply) => {
    const parsed = parseWith(SolveRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    const { scenario, ...options } = parsed.value;
    if (scenario.patients.length > config.SYNC_PATIENT_LIMIT) {
      return sendProblem(reply, "too-large-for-sync", {
        detail: `${scenario.patients.length} patients; this server answers up to ${config.SYNC_PATIENT_LIMIT} synchronously`,
      });
    }
    const task = pool.submit(scenario, { ...options, timeLimitMs: Math.min(options.timeLimitMs, config.SYNC_TIME_LIMIT_MS) });
    if (!task) return sendProblem(reply, pool.closing ? "shutting-down" : "busy", { retryAfterSeconds: 5 });
    // A client that hangs up no longer wants the roster: its worker goes back to the pool.
    reply.raw.on("close", () => {
      if (!reply.raw.writableEnded) task.cancel();
    });
    try {
      return await task.result;
    } catch (error) {
      if (error instanceof ShuttingDown) return sendProblem(reply, "shutting-down", { retryAfterSeconds: 5 });
      return sendProblem(reply, "internal", { detail: "the solve did not complete" });
    }
  });

  // Validation is quick and linear in the roster, so it runs here rather than on the pool.
  app.post("/v1/rosters/validate", async (request, reply) => {
    const parsed = parseWith(ValidateRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    return validate(parsed.value.scenario, parsed.value.roster);
  });
}
