// One table of routes: each entry is registered from it, documented from it (OpenAPI) and guarded by it (the role
// it needs; "public" for the health checks and the documents). Nothing about a URL is written anywhere else.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../../domain/index.js";
import type { ProblemCode } from "./problems.js";
import type { SchemaName } from "./schemas.js";
import type { Services } from "./services.js";

export type Access = "public" | Role;

/** What a handler works with: the services and the document this server serves. */
export interface RouteContext extends Services {
  readonly document: Record<string, unknown>;
  readonly docsPage: string;
}

export type Content = SchemaName | { readonly arrayOf: SchemaName } | "html";

export interface Answer {
  readonly status: number;
  readonly description: string;
  readonly content?: Content;
  /** Response headers it sets, by name, with what they hold. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteSpec {
  readonly method: "GET" | "POST" | "DELETE";
  /** fastify's pattern: /v1/clinics/:clinicId/rosters. A :clinicId is in the key's scope or the route is 404. */
  readonly url: string;
  readonly access: Access;
  readonly operationId: string;
  readonly summary: string;
  /** What each path parameter holds. */
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: SchemaName;
  /** Takes ?format= and ?for= (or Accept) and may answer with an export. */
  readonly exports?: boolean;
  /** Needs the database whatever the key: documented with 503 database-unavailable. */
  readonly database?: boolean;
  /** Its body names a clinic the key must act for (403 clinic-out-of-scope). */
  readonly scoped?: boolean;
  /** Takes a solver thread or a place in the job queue (503 busy, shutting-down). */
  readonly solves?: boolean;
  readonly answers: readonly [Answer, ...Answer[]];
  /** Problems particular to this route; those of authentication, bodies, scopes and exports are added from the above. */
  readonly problems?: readonly ProblemCode[];
  handle(request: FastifyRequest, reply: FastifyReply, context: RouteContext): unknown;
}

/** The path parameters of a request, by name (fastify has matched them to the route's pattern). */
export const paramsOf = (request: FastifyRequest): Record<string, string> => request.params as Record<string, string>;
