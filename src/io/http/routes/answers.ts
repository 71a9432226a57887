// What several routes answer the same way: a body naming a clinic outside the key's scope, last week's published
// roster in place of "published", the export a request asks for, and an export sent, logged when it discloses a
// record the service keeps.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { type InputProblem, type Roster, type Scenario, type SolveRequest, parseWith, withAttendance } from "../../../domain/index.js";
import {
  type ExportFormat,
  MEDIA_TYPES,
  OFFERED_TYPES,
  PAGE_FORMATS,
  exportFileName,
  formatFromAccept,
  renderExportFile,
} from "../../export/index.js";
import type { Edition } from "../../export/ics.js";
import { PAGE_CSP } from "../../export/page.js";
import { type AccessRecord, logAccess } from "../../store/access-log.js";
import { covers } from "../auth.js";
import { sendProblem } from "../problems.js";
import { ExportQuery } from "../schemas.js";
import type { Services } from "../services.js";

/**
 * The request's body read against `schema` and, with `clinicsOf`, the clinics it names checked against the key's
 * scope: the value, or the answer already sent (422 naming the paths, or 403 clinic-out-of-scope).
 */
export function bodyOf<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  schema: S,
  clinicsOf: (value: z.infer<S>) => readonly string[] = () => [],
): { value: z.infer<S> } | { answered: FastifyReply } {
  const parsed = parseWith(schema, request.body);
  if (!parsed.ok) return { answered: sendProblem(reply, "invalid-input", { errors: parsed.problems }) };
  const scoped = outOfScope(request, reply, clinicsOf(parsed.value));
  return scoped ? { answered: scoped } : { value: parsed.value };
}

/** The answer for a body whose clinic the key does not act for; null when it does. */
export function outOfScope(request: FastifyRequest, reply: FastifyReply, clinicIds: readonly string[]): FastifyReply | null {
  const foreign = clinicIds.find((id) => !covers(request.principal, id));
  return foreign === undefined
    ? null
    : sendProblem(reply, "clinic-out-of-scope", { detail: `this key does not act for clinic ${foreign}` });
}

/** The request with `previous: "published"` replaced by that roster; what is missing when the clinic has none. */
export async function withPublished(
  { archive, attendance }: Services,
  request: FastifyRequest,
  body: SolveRequest,
): Promise<SolveRequest | string> {
  if (body.previous !== "published") return body;
  const { id, weekStart } = body.scenario.clinic;
  const found = await archive.get(request.principal.keyId, id, `before:${weekStart}`);
  if (!found) return `expected a roster of this clinic published for a week before ${weekStart}; none is`;
  // What the patients heard last week is what they attended, where attendance was recorded.
  const marks = await attendance.marks(found.id);
  return { ...body, scenario: withAttendance(body.scenario, found.roster, marks), previous: found.roster };
}

/** Which export a request asks for (?format= and for=, or Accept); no format means the JSON answer. */
export function exportAsked(
  request: FastifyRequest,
):
  | { ok: true; format: ExportFormat | undefined; for: string | undefined }
  | { ok: false; code: "invalid-input" | "not-acceptable"; extra: { errors?: InputProblem[]; detail?: string } } {
  const query = parseWith(ExportQuery, request.query ?? {});
  if (!query.ok)
    return { ok: false, code: "invalid-input", extra: { errors: query.problems.map((p) => ({ ...p, path: `query.${p.path}` })) } };
  const format = query.value.format ?? formatFromAccept(request.headers.accept);
  if (format === null)
    return { ok: false, code: "not-acceptable", extra: { detail: `this route answers with ${OFFERED_TYPES.join(", ")}` } };
  return { ok: true, format, for: query.value.for };
}

/**
 * Logs a disclosure of a kept record (42 CFR Part 2) as made by the request's key; a HEAD request discloses no body
 * and is not logged. Called only once the answer can be made, so a refused export or an unknown subject is not.
 */
export async function disclose(request: FastifyRequest, { db }: Services, entry: Omit<AccessRecord, "keyId">): Promise<void> {
  if (request.method !== "HEAD") await logAccess(db, { ...entry, keyId: request.principal.keyId });
}

/**
 * A roster's export as the answer, or the problem that says why it cannot be made. `disclosed` is awaited once it
 * is made and before it is sent: the export of a kept record is logged (see disclose), a solve's answer is not.
 */
export async function sendExport(
  reply: FastifyReply,
  format: ExportFormat,
  scenario: Scenario,
  roster: Roster,
  forWhom: string | undefined,
  leftOut: readonly string[] = [],
  disclosed: () => Promise<void> = async () => undefined,
  edition?: Edition,
): Promise<unknown> {
  const rendered = await renderExportFile(format, scenario, roster, forWhom, leftOut, edition);
  // An export has no room for the rows left out (the page lists them): the count travels in a header too.
  reply.header("x-rows-left-out", String(leftOut.length));
  if (!rendered.ok) return sendProblem(reply, "export-unavailable", { detail: rendered.message });
  await disclosed();
  // Helmet's policy forbids inline styles and scripts; the page and sheets are self-contained, and say exactly what runs.
  if (PAGE_FORMATS.includes(format))
    reply.header("content-security-policy", format === "html" ? PAGE_CSP : "default-src 'none'; style-src 'unsafe-inline'");
  // Pages open in the browser, spreadsheets and calendars are saved; both under a name that says what they hold.
  const disposition = PAGE_FORMATS.includes(format) ? "inline" : "attachment";
  reply.header("content-disposition", `${disposition}; filename="${exportFileName(format, roster, forWhom)}"`);
  return reply.type(MEDIA_TYPES[format]).send("bytes" in rendered ? rendered.bytes : rendered.text);
}
