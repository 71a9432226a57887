// The workspace's pages and forms as one table, like the API's: each entry is registered from it, guarded by it
// (the role it needs, or "signed-out" for the sign-in page and the script) and listed in docs from it.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../../domain/index.js";
import type { FailureThrottle } from "../http/auth.js";
import type { Services } from "../http/services.js";

export type DeskAccess = Role | "signed-out";

export interface DeskContext extends Services {
  /** Failed sign-ins count against the same throttle as failed API keys. */
  readonly failures: FailureThrottle;
}

export interface DeskRoute {
  readonly method: "GET" | "POST";
  /** Under /app. */
  readonly url: string;
  readonly access: DeskAccess;
  readonly summary: string;
  handle(request: FastifyRequest, reply: FastifyReply, context: DeskContext): unknown;
}

/** Nothing is fetched from elsewhere, nothing framed, forms post only here; styles inline, the one script from here. */
export const WORKSPACE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A page answered with the workspace's policy (an export sent from the workspace keeps its own). */
export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).header("content-security-policy", WORKSPACE_CSP).type("text/html; charset=utf-8").send(html);
}

/** After a form: to the page that shows what it did (303, so a reload does not post again). */
export const seeOther = (reply: FastifyReply, url: string) => reply.code(303).header("location", url).send();

export const SESSION_COOKIE = "iop_session";
/** The session's cookie: never read by a script, sent only over HTTPS (or to localhost), never from another site. */
export const sessionCookie = { path: "/app", httpOnly: true, secure: true, sameSite: "strict" as const };
