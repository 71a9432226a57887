// A clinic's published rosters: publish a week, list them, read one (or the latest) as JSON or an export, and the
// access log of who did what (42 CFR Part 2: API key ids, never patient data). The route table has already
// answered 404 for a clinic outside the key's scope.
import { AttendanceRequest, PublishRequest, attendanceProblems, scenarioOf } from "../../../domain/index.js";
import { validate } from "../../../validator/index.js";
import { readAccessLog } from "../../store/access-log.js";
import { sendProblem } from "../problems.js";
import { type RouteSpec, paramsOf } from "../route-table.js";
import { bodyOf, disclose, exportAsked, sendExport } from "./answers.js";

const CLINIC = { clinicId: "The clinic's id (scenario clinic.id)" };
const WHICH = { ...CLINIC, which: "A publication id, latest, week:<Monday> or before:<Monday>" };

export const CLINIC_ROUTES: RouteSpec[] = [
  {
    method: "POST",
    url: "/v1/clinics/:clinicId/rosters",
    access: "publisher",
    operationId: "publishRoster",
    summary: "Put a roster in force for its week (the validator must pass it); logged",
    params: CLINIC,
    body: "PublishRequest",
    database: true,
    scoped: true,
    answers: [{ status: 201, description: "Published", content: "PublishedSummary", headers: { Location: "The published roster's URL" } }],
    handle: async (request, reply, { archive }) => {
      const parsed = bodyOf(request, reply, PublishRequest, (b) => [b.scenario.clinic.id, b.roster.clinicId]);
      if ("answered" in parsed) return parsed.answered;
      const { roster } = parsed.value;
      const scenario = scenarioOf(parsed.value);
      const { clinicId } = paramsOf(request);
      const elsewhere = [
        ...(scenario.clinic.id === clinicId ? [] : ["scenario.clinic.id"]),
        ...(roster.clinicId === clinicId ? [] : ["roster.clinicId"]),
      ];
      if (elsewhere.length > 0)
        return sendProblem(reply, "invalid-input", {
          errors: elsewhere.map((path) => ({ path, message: `expected ${clinicId}, the clinic in the URL` })),
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
      const published = await archive.publish(request.principal.keyId, scenario, roster);
      return reply.code(201).header("location", `/v1/clinics/${published.clinicId}/rosters/${published.id}`).send(published);
    },
  },
  {
    method: "GET",
    url: "/v1/clinics/:clinicId/rosters",
    access: "reader",
    operationId: "listPublishedRosters",
    summary: "The clinic's published rosters, newest week first (no roster content)",
    params: CLINIC,
    database: true,
    answers: [{ status: 200, description: "Publications", content: { arrayOf: "PublishedSummary" } }],
    handle: (request, _reply, { archive }) => archive.list(paramsOf(request).clinicId),
  },
  {
    method: "GET",
    url: "/v1/clinics/:clinicId/rosters/:which",
    access: "reader",
    operationId: "getPublishedRoster",
    summary: "A published roster with its scenario, or an export of it; logged in the access log",
    params: WHICH,
    exports: true,
    database: true,
    answers: [{ status: 200, description: "The publication, or the export asked for", content: "Published" }],
    handle: async (request, reply, services) => {
      const query = exportAsked(request);
      if (!query.ok) return sendProblem(reply, query.code, query.extra);
      const { clinicId, which } = paramsOf(request);
      const found = await services.archive.find(clinicId, which);
      if (!found) return sendProblem(reply, "not-found", { detail: "no such published roster for this clinic" });
      const entry = { clinicId, resource: `roster:${found.id}` };
      if (!query.format) {
        await disclose(request, services, { ...entry, action: "read" });
        return found;
      }
      const { format } = query;
      return sendExport(
        reply,
        format,
        found.scenario,
        found.roster,
        query.for,
        [],
        () => disclose(request, services, { ...entry, action: "export", format, subject: query.for }),
        { sequence: found.sequence, stamp: found.publishedAt },
      );
    },
  },
  {
    method: "POST",
    url: "/v1/clinics/:clinicId/rosters/:which/attendance",
    access: "publisher",
    operationId: "recordAttendance",
    summary: "Record who came to each session of a published roster (present, late, absent, excused); logged",
    params: WHICH,
    body: "AttendanceRequest",
    database: true,
    answers: [{ status: 201, description: "Recorded: the roster's marks as they now stand", content: "AttendanceRecorded" }],
    handle: async (request, reply, { archive, attendance }) => {
      const parsed = bodyOf(request, reply, AttendanceRequest);
      if ("answered" in parsed) return parsed.answered;
      const { clinicId, which } = paramsOf(request);
      const found = await archive.find(clinicId, which);
      if (!found) return sendProblem(reply, "not-found", { detail: "no such published roster for this clinic" });
      const problems = attendanceProblems(found.roster, parsed.value.marks);
      if (problems.length > 0) return sendProblem(reply, "invalid-input", { errors: problems });
      const recorded = await attendance.record(request.principal.keyId, found, parsed.value.marks);
      return reply.code(201).send({ rosterId: found.id, recorded, marks: await attendance.marks(found.id) });
    },
  },
  {
    method: "GET",
    url: "/v1/clinics/:clinicId/rosters/:which/attendance",
    access: "reader",
    operationId: "getAttendance",
    summary: "The attendance recorded for a published roster; logged as a read",
    params: WHICH,
    database: true,
    answers: [{ status: 200, description: "The roster's marks", content: "AttendanceRecorded" }],
    handle: async (request, reply, services) => {
      const { clinicId, which } = paramsOf(request);
      const found = await services.archive.find(clinicId, which);
      if (!found) return sendProblem(reply, "not-found", { detail: "no such published roster for this clinic" });
      const marks = await services.attendance.marks(found.id);
      await disclose(request, services, { clinicId, resource: `attendance:${found.id}`, action: "read" });
      return { rosterId: found.id, recorded: marks.length, marks };
    },
  },
  {
    method: "GET",
    url: "/v1/clinics/:clinicId/access-log",
    access: "admin",
    operationId: "getClinicAccessLog",
    summary: "Who (API key id) published, read or exported the clinic's rosters, and when; no patient data; this read is logged too",
    params: CLINIC,
    database: true,
    answers: [{ status: 200, description: "Entries, oldest first", content: { arrayOf: "AccessEntry" } }],
    handle: (request, _reply, { db }) => readAccessLog(db, request.principal.keyId, paramsOf(request).clinicId),
  },
  {
    method: "GET",
    url: "/v1/access-log",
    access: "admin",
    operationId: "getAccessLog",
    summary: "The whole access log: every clinic's entries, key changes and reads of the log; this read is logged too",
    database: true,
    answers: [{ status: 200, description: "Entries, oldest first", content: { arrayOf: "AccessEntry" } }],
    handle: (request, _reply, { db }) => readAccessLog(db, request.principal.keyId, null),
  },
];
