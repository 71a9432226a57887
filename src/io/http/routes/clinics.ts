// A clinic's published rosters: publish a week, list them, read one (or the latest) as JSON or an export, and
// the access log of who did what (42 CFR Part 2: API key ids, never patient data).
import type { FastifyInstance } from "fastify";
import { PublishRequest, parseWith, scenarioOf } from "../../../domain/index.js";
import { validate } from "../../../validator/index.js";
import type { Services } from "../app.js";
import { ownerOf } from "../auth.js";
import { sendProblem } from "../problems.js";
import { exportAsked, sendExport } from "./rosters.js";

type Params = { clinicId: string };

export async function clinicRoutes(app: FastifyInstance, { archive }: Services): Promise<void> {
  app.post<{ Params: Params }>("/v1/clinics/:clinicId/rosters", async (request, reply) => {
    const parsed = parseWith(PublishRequest, request.body);
    if (!parsed.ok) return sendProblem(reply, "invalid-input", { errors: parsed.problems });
    const { roster } = parsed.value;
    const scenario = scenarioOf(parsed.value);
    if (scenario.clinic.id !== request.params.clinicId || roster.clinicId !== request.params.clinicId)
      return sendProblem(reply, "invalid-input", {
        errors: [{ path: "scenario.clinic.id", message: "expected the clinic in the URL, for the scenario and the roster alike" }],
      });
    // Only a roster the validator passes is put in force.
    const report = validate(scenario, roster);
    if (!report.valid)
      return sendProblem(reply, "invalid-input", {
        errors: [
          ...report.violations.map((v) => ({ path: "roster", message: `${v.rule}: ${v.message}` })),
          ...report.metricMismatches.map((m) => ({ path: `roster.metrics.${m}`, message: "differs from the value recomputed" })),
        ],
      });
    const published = await archive.publish(ownerOf(request), scenario, roster);
    return reply.code(201).header("location", `/v1/clinics/${published.clinicId}/rosters/${published.id}`).send(published);
  });

  app.get<{ Params: Params }>("/v1/clinics/:clinicId/rosters", async (request) => archive.list(request.params.clinicId));

  app.get<{ Params: Params & { which: string } }>("/v1/clinics/:clinicId/rosters/:which", async (request, reply) => {
    const query = exportAsked(request);
    if (!query.ok) return sendProblem(reply, query.code, query.extra);
    const found = await archive.get(ownerOf(request), request.params.clinicId, request.params.which, query.format ?? null);
    if (!found) return sendProblem(reply, "not-found", { detail: "no such published roster for this clinic" });
    if (query.format) return sendExport(reply, query.format, found.scenario, found.roster, query.for);
    return found;
  });

  app.get<{ Params: Params }>("/v1/clinics/:clinicId/access-log", async (request) => archive.accessLog(request.params.clinicId));
}
