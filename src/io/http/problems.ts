// Every error the API answers, as RFC 9457 problem documents: one table of stable types, titles and statuses.
import type { FastifyReply } from "fastify";
import type { InputProblem } from "../../domain/index.js";

export const PROBLEMS = {
  "malformed-json": { status: 400, title: "The body is not valid JSON" },
  "invalid-body": { status: 400, title: "The body could not be read" },
  "forbidden-key": { status: 400, title: "The body uses __proto__ or constructor keys, which this API refuses" },
  "bad-request": { status: 400, title: "The request line or headers could not be read" },
  unauthorized: { status: 401, title: "A valid bearer API key is required" },
  forbidden: { status: 403, title: "This API key's role does not allow this route" },
  "clinic-out-of-scope": { status: 403, title: "This API key does not act for the clinic the body names" },
  "not-found": { status: 404, title: "No such resource" },
  "job-not-found": { status: 404, title: "No such job; finished jobs expire" },
  "method-not-allowed": { status: 405, title: "This route does not take that method; see the Allow header" },
  "not-acceptable": { status: 406, title: "The Accept header names no type this route answers with; see detail" },
  misdirected: { status: 421, title: "Without API keys this server answers only requests addressed to localhost" },
  "request-timeout": { status: 408, title: "The request was not received in time" },
  "body-too-large": { status: 413, title: "The body is larger than this server accepts" },
  "list-too-long": { status: 413, title: "A list in the body is longer than any field accepts; nothing was parsed" },
  "unsupported-media-type": { status: 415, title: "Send the body as application/json, without content encoding" },
  "invalid-input": { status: 422, title: "The request does not match the schema" },
  "export-unavailable": { status: 422, title: "That export cannot be made from this roster; see detail" },
  "too-large-for-sync": { status: 422, title: "This scenario is too large to answer synchronously; use POST /v1/jobs" },
  "rate-limited": { status: 429, title: "Too many requests for this API key; slow down" },
  internal: { status: 500, title: "Internal error" },
  busy: { status: 503, title: "Every solver worker is busy and the queue is full; retry later" },
  "shutting-down": { status: 503, title: "The server is shutting down" },
  "database-unavailable": { status: 503, title: "The database cannot be reached now; retry after the time given" },
} as const;
export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly InputProblem[];
}

export function problemOf(code: ProblemCode, extra: { detail?: string; errors?: readonly InputProblem[] } = {}): ProblemDocument {
  const { status, title } = PROBLEMS[code];
  return { type: `urn:iop-roster:problem:${code}`, title, status, ...extra };
}

export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  extra: { detail?: string; errors?: readonly InputProblem[]; retryAfterSeconds?: number } = {},
): FastifyReply {
  const { retryAfterSeconds, ...rest } = extra;
  if (retryAfterSeconds !== undefined) reply.header("retry-after", String(retryAfterSeconds));
  const doc = problemOf(code, rest);
  return reply.code(doc.status).type("application/problem+json").send(doc);
}
