// The coordinator's workspace at /app: pages rendered here, forms posted here, no framework in the browser. A key
// is asked for once and exchanged for a session cookie (http-only, Secure, SameSite=Strict, path /app); every form
// carries a CSRF token (@fastify/csrf-protection, its secret in its own cookie). The API's bearer check does not
// apply here; this plugin's session check does, with the same roles and clinic scopes.
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { DatabaseUnavailable } from "../store/db.js";
import { LOCAL_PRINCIPAL, allows, covers, isLocalHost } from "../http/auth.js";
import type { Principal } from "../store/keys.js";
import { SESSION_MS } from "../store/sessions.js";
import { type DeskAccess, type DeskContext, SESSION_COOKIE, sessionCookie } from "./desk-route.js";
import { WORKSPACE_ROUTES } from "./routes.js";
import { messagePage } from "./messages.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may use a workspace page: from the workspace's table. */
    workspace?: DeskAccess;
  }
}

/** A URL of the workspace (its unknown pages too): the API's bearer check leaves these to the workspace. */
export const isWorkspacePath = (url: string) => url === "/app" || url.startsWith("/app/") || url.startsWith("/app?");

/** Who a workspace request acts for: its session's principal; keyless, whoever is on this machine. */
async function principalOf(request: FastifyRequest, context: DeskContext): Promise<Principal | null | "misdirected"> {
  if (context.config.API_KEYS.length === 0) return isLocalHost(request.headers.host) ? LOCAL_PRINCIPAL : "misdirected";
  const value = request.cookies[SESSION_COOKIE];
  return value ? context.sessions.find(value, (id) => context.auth.isBootstrap(id)) : null;
}

export async function workspace(app: FastifyInstance, { context }: { context: DeskContext }): Promise<void> {
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, {
    attachFieldsToBody: "keyValues",
    limits: { fileSize: context.config.BODY_LIMIT_BYTES, files: 4, fields: 12, parts: 16 },
  });
  await app.register(csrf, {
    cookieOpts: { ...sessionCookie, maxAge: SESSION_MS / 1000 },
    getToken: (request) => (request.body as { _csrf?: unknown } | undefined)?._csrf as string | undefined,
  });

  app.addHook("onRequest", async (request, reply) => {
    const needs = request.routeOptions.config.workspace;
    if (needs === undefined || needs === "signed-out") return;
    const principal = await principalOf(request, context);
    if (principal === "misdirected")
      return messagePage(reply, 421, "Not this address", "Without API keys this server answers only pages addressed to localhost.");
    if (!principal) {
      if (request.method === "GET")
        return reply
          .code(303)
          .header("location", `/app/sign-in?next=${encodeURIComponent(request.url)}`)
          .send();
      return messagePage(reply, 401, "Signed out", "Your session has ended: sign in again, then repeat what you did.", {
        href: "/app/sign-in",
        label: "Sign in",
      });
    }
    request.principal = principal;
    if (!allows(principal, needs))
      return messagePage(reply, 403, "Not with this key", `This needs the role ${needs}; your key is a ${principal.role}.`);
    // Another clinic's weeks are as unknown to this key as missing ones.
    const clinicId = (request.params as { clinicId?: string }).clinicId;
    if (clinicId !== undefined && !covers(principal, clinicId))
      return messagePage(reply, 404, "No such clinic", "There is no such clinic or week for your key.");
  });
  // Forms are checked once their body is read: the token travels in the body.
  app.addHook("preHandler", (request, reply, done) => {
    if (request.method !== "POST") return done();
    app.csrfProtection(request, reply, done);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DatabaseUnavailable)
      return messagePage(reply.header("retry-after", "5"), 503, "Try again shortly", "The database cannot be reached now.");
    if (error.code?.startsWith("FST_CSRF"))
      return messagePage(reply, 403, "This form has expired", "Reload the page and send the form again.");
    if (error.code === "FST_REQ_FILE_TOO_LARGE" || error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return messagePage(reply, 413, "Too large", `A file is larger than this server accepts (${context.config.BODY_LIMIT_BYTES} bytes).`);
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ req: request, kind: error.name, code: error.code }, "internal error");
    return messagePage(
      reply,
      status,
      status === 500 ? "Something went wrong" : "That could not be read",
      status === 500 ? "The error is logged (without patient data)." : "The form could not be read: reload the page and try again.",
    );
  });
  app.setNotFoundHandler((_request, reply) => messagePage(reply, 404, "No such page", "There is no such page in the workspace."));

  for (const route of WORKSPACE_ROUTES)
    app.route({
      method: route.method,
      url: route.url === "/app" ? "" : route.url.slice("/app".length),
      config: { workspace: route.access },
      handler: (request, reply) => route.handle(request, reply, context),
    });
}
