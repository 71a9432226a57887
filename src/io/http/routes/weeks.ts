// The clinic's record over HTTP: next week made from the newest published week, its attendance and the changes
// given (POST /v1/clinics/:clinicId/weeks/next), and the stays on record (GET /v1/clinics/:clinicId/stays). Both
// logged; the same function as `npm run week`.
import { atChangeRows, changesFromCsv } from "../../csv/changes.js";
import { makeNextWeek } from "../../store/next-week.js";
import { sendProblem } from "../problems.js";
import { type RouteSpec, paramsOf } from "../route-table.js";
import { NextWeekRequest } from "../schemas.js";
import { bodyOf } from "./answers.js";

const CLINIC = { clinicId: "The clinic's id (its scenarios' clinic.id)" };

export const WEEK_ROUTES: RouteSpec[] = [
  {
    method: "POST",
    url: "/v1/clinics/:clinicId/weeks/next",
    access: "publisher",
    operationId: "makeNextWeek",
    summary:
      "Next week's scenario from the clinic's record: the newest published week and its attendance closed into each stay, the open stays carried, the changes applied; logged",
    params: CLINIC,
    body: "NextWeekRequest",
    database: true,
    answers: [{ status: 200, description: "The scenario to solve, and what changed", content: "NextWeekResponse" }],
    handle: async (request, reply, { db }) => {
      // No body at all is no changes: what a front-end sends to make the week from the record alone.
      request.body ??= {};
      const parsed = bodyOf(request, reply, NextWeekRequest);
      if ("answered" in parsed) return parsed.answered;
      const { changes, changesCsv } = parsed.value;
      if (changes && changesCsv !== undefined)
        return sendProblem(reply, "invalid-input", { errors: [{ path: "changesCsv", message: "send changes or changesCsv, not both" }] });
      const read = changesCsv === undefined ? undefined : changesFromCsv(changesCsv);
      if (read && !read.ok)
        return sendProblem(reply, "invalid-input", { errors: read.problems.map((p) => ({ ...p, path: `changesCsv ${p.path}` })) });
      const made = await makeNextWeek(db, request.principal.keyId, paramsOf(request).clinicId, read?.value ?? changes);
      if ("unpublished" in made)
        return sendProblem(reply, "not-found", { detail: "no roster of this clinic is published: publish a week first" });
      if (!made.ok) {
        const errors = read?.ok
          ? atChangeRows(made.problems, read.rows).map((p) => ({ ...p, path: `changesCsv ${p.path}` }))
          : made.problems.map((p) => ({
              ...p,
              path: /^(admit|discharge|update|stepDown|leave)\[/.test(p.path) ? `changes.${p.path}` : p.path,
            }));
        return sendProblem(reply, "invalid-input", { errors });
      }
      return { scenario: made.scenario, report: made.report };
    },
  },
  {
    method: "GET",
    url: "/v1/clinics/:clinicId/stays",
    access: "reader",
    operationId: "getStays",
    summary: "The clinic's stays on record, open and discharged, with their weeks; logged as a read",
    params: CLINIC,
    database: true,
    answers: [{ status: 200, description: "The stays", content: "StaysResponse" }],
    handle: async (request, _reply, { stays }) => {
      const record = await stays.read(request.principal.keyId, paramsOf(request).clinicId);
      return { stays: [...record.values()] };
    },
  },
];
