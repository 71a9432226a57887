// buildApp: the fastify application without a listener, so tests drive it with inject().
import type { Writable } from "node:stream";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { DatabaseUnavailable } from "../store/db.js";
import { keyIdOf } from "../store/keys.js";
import { FailureThrottle, LOCAL_PRINCIPAL, allows, bearer, clientOf, covers, isLocalHost } from "./auth.js";
import { parseJsonBody } from "./json-body.js";
import { docsPage, openApiDocument } from "./openapi.js";
import { type ProblemCode, problemOf, sendProblem } from "./problems.js";
import type { Access, RouteContext } from "./route-table.js";
import { ROUTES } from "./routes/index.js";
import type { Services } from "./services.js";
import { isWorkspacePath, workspace } from "../web/plugin.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route: from the route table. */
    access?: Access;
  }
}

/** How long a client is told to wait while the database cannot be reached. */
const DATABASE_RETRY_SECONDS = 5;
/** The nearest `hops` proxies are trusted (fastify takes a number too, but its types do not say so). */
const hopsWithin = (hops: number) => (_address: string, hop: number) => hop < hops;
const isPublic = (request: FastifyRequest) => request.routeOptions.config.access === "public";

/** Fastify's own errors by code; any other client error is an unreadable body. Messages are never echoed. */
const KNOWN_ERRORS: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "body-too-large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported-media-type",
  MALFORMED_JSON: "malformed-json",
  FORBIDDEN_KEY: "forbidden-key",
  EMPTY_BODY: "invalid-body",
  LIST_TOO_LONG: "list-too-long",
};

function problemFor(error: FastifyError): ProblemCode {
  if (error.statusCode === 429) return "rate-limited";
  if (KNOWN_ERRORS[error.code]) return KNOWN_ERRORS[error.code];
  return (error.statusCode ?? 500) < 500 ? "invalid-body" : "internal";
}

export interface AppOptions {
  readonly logStream?: Writable;
  /** Told of every route as it is registered (the test that holds routes and document together listens). */
  readonly onRoute?: (method: string, url: string) => void;
}

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Behind a load balancer the client is the address it names in X-Forwarded-For, for the proxies named here only.
    trustProxy: typeof config.TRUST_PROXY === "number" ? hopsWithin(config.TRUST_PROXY) : config.TRUST_PROXY,
    // Fastify's own request lines are off: onResponse below writes one line per request with what we allow.
    logController: new LogController({ disableRequestLogging: true }),
    // Errors fastify raises before routing (a URL it cannot decode, an over-long path parameter).
    frameworkErrors: (error, _request, reply) =>
      sendProblem(reply, error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "not-found" : "bad-request"),
    // Requests node's parser rejects before fastify sees them (oversized headers, broken request lines).
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return socket.destroy();
      const code = (error as { code?: string }).code;
      const timeout = code === "ERR_HTTP_REQUEST_TIMEOUT";
      const status = timeout ? 408 : code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
      const body = JSON.stringify({ ...problemOf(timeout ? "request-timeout" : "bad-request"), status });
      socket.end(
        `HTTP/1.1 ${status} ${timeout ? "Request Timeout" : "Bad Request"}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    },
    // While closing, requests still get this API's own answer (503 shutting-down as a problem document).
    return503OnClosing: false,
    logger: {
      level: config.LOG_LEVEL,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Requests are logged by route pattern, never by body, headers or query: a roster is a Part 2 record.
      serializers: { req: (req: FastifyRequest) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? "(none)" }) },
    },
  });

  await app.register(helmet);
  await app.register(cors, {
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    methods: ["GET", "HEAD", "POST", "DELETE"],
    // A front-end polls the job it created (Location) and backs off when told to (Retry-After).
    exposedHeaders: ["Location", "Retry-After", "Content-Disposition", "X-Rows-Left-Out"],
    // A bare OPTIONS is answered like any preflight rather than with a plain-text 400.
    strictPreflight: false,
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      // Keyless, a bearer header means nothing: a client must not get a fresh bucket by changing it.
      const key = config.API_KEYS.length > 0 ? bearer(request) : null;
      return key ? `key:${keyIdOf(key)}` : `ip:${clientOf(request.ip)}`;
    },
    allowList: isPublic,
    errorResponseBuilder: (_request, context) => ({
      ...problemOf("rate-limited", { detail: `limit ${context.max} per minute` }),
      statusCode: 429,
    }),
  });

  // Only JSON bodies: a text/plain scenario is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser(["text/plain", "application/json"]);
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    try {
      done(null, parseJsonBody(body as string, request.method));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  // A body trickled in a byte at a time must not hold a connection for as long as its sender likes: the whole
  // request must arrive within REQUEST_TIMEOUT_MS. (Node's own requestTimeout is only checked every 30 s.)
  const bodyTimers = new WeakMap<FastifyRequest, NodeJS.Timeout>();
  app.addHook("onRequest", async (request, reply) => {
    const timer = setTimeout(() => {
      if (reply.raw.headersSent) return;
      const body = JSON.stringify(problemOf("request-timeout"));
      reply.raw.writeHead(408, {
        "content-type": "application/problem+json",
        "content-length": Buffer.byteLength(body),
        connection: "close",
      });
      reply.raw.end(body, () => request.raw.socket?.destroy());
    }, config.REQUEST_TIMEOUT_MS);
    timer.unref();
    bodyTimers.set(request, timer);
  });
  const received = async (request: FastifyRequest) => clearTimeout(bodyTimers.get(request));
  app.addHook("preValidation", received);
  app.addHook("onResponse", received);
  app.addHook("onRequestAbort", received);

  // While the server stops, a keep-alive client would otherwise hold its connection open after its last answer
  // and keep close() waiting for the keep-alive timeout (72 s by default).
  app.addHook("onSend", async (_request, reply) => {
    if (services.pool.closing) reply.header("connection", "close");
    // Rosters and their exports are Part 2 records: no proxy or browser cache keeps a copy.
    reply.header("cache-control", "no-store");
  });

  // Compressed bodies are not read: say so rather than fail to parse them.
  app.addHook("onRequest", async (request, reply) => {
    const encoding = request.headers["content-encoding"];
    if (encoding && encoding !== "identity") return sendProblem(reply, "unsupported-media-type");
  });

  // Who the request is, and whether its key may call this route for this clinic. A valid key is never throttled by
  // the failures of others from its address; unknown keys are, past AUTH_FAILURES_PER_MINUTE.
  const failures = new FailureThrottle(config.AUTH_FAILURES_PER_MINUTE);
  app.decorateRequest("principal", null as unknown as FastifyRequest["principal"]);
  app.addHook("onRequest", async (request, reply) => {
    // A route outside the table has no access of its own: it is an admin's (fail closed). Unknown URLs only need a
    // key: their 404 tells nothing to someone who has one.
    const access = request.routeOptions.config.access ?? (request.routeOptions.url ? "admin" : "reader");
    // The workspace's pages check their own sessions; an unknown page under /app is its own 404 page.
    if (access === "public" || request.routeOptions.config.workspace !== undefined || isWorkspacePath(request.url)) return;
    if (config.API_KEYS.length === 0) {
      // Keyless, the server trusts whoever is on this machine: a page elsewhere that renames itself 127.0.0.1
      // (DNS rebinding) still sends its own Host, and is refused.
      if (!isLocalHost(request.headers.host)) return sendProblem(reply, "misdirected");
      request.principal = LOCAL_PRINCIPAL;
    } else {
      const key = bearer(request);
      const principal = key ? await services.auth.principal(key) : null;
      if (!principal) {
        const address = clientOf(request.ip);
        if (failures.blocked(address))
          return sendProblem(reply, "rate-limited", {
            detail: `more than ${config.AUTH_FAILURES_PER_MINUTE} failed authentications a minute from this address`,
            retryAfterSeconds: 60,
          });
        failures.fail(address);
        return sendProblem(reply.header("www-authenticate", "Bearer"), "unauthorized");
      }
      request.principal = principal;
    }
    if (!allows(request.principal, access))
      return sendProblem(reply, "forbidden", { detail: `this route needs the role ${access}; this key is a ${request.principal.role}` });
    // Another clinic's records are as unknown to this key as missing ones.
    const clinicId = (request.params as { clinicId?: string }).clinicId;
    if (clinicId !== undefined && !covers(request.principal, clinicId)) return sendProblem(reply, "not-found");
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        req: request,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        reqBytes: Number(request.headers["content-length"] ?? 0),
        resBytes: Number(reply.getHeader("content-length") ?? 0),
      },
      "request",
    );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A body sent to a route that does not exist is no reason to read it: the route's absence is the answer.
    if (!request.routeOptions.url) return notFound(request, reply);
    if (error instanceof DatabaseUnavailable) {
      request.log.warn({ req: request }, "database unavailable");
      return sendProblem(reply, "database-unavailable", { retryAfterSeconds: DATABASE_RETRY_SECONDS });
    }
    const code = problemFor(error);
    if (code === "internal") request.log.error({ req: request, kind: error.name, code: error.code }, "internal error");
    return sendProblem(reply, code);
  });
  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, "[^/]+")}$`);
    for (const method of methods) {
      if (method === "HEAD") continue;
      routes.push({ method, pattern });
      options.onRoute?.(method, route.url);
    }
  });
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0];
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length === 0) return sendProblem(reply, "not-found");
    return sendProblem(reply.header("allow", allowed.join(", ")), "method-not-allowed");
  };
  app.setNotFoundHandler(notFound);

  // The coordinator's workspace: pages and forms of its own, under a session of its own (see web/plugin.ts).
  await app.register(workspace, { prefix: "/app", context: { ...services, failures } });

  const document = openApiDocument(ROUTES, { auth: config.API_KEYS.length > 0 });
  const context: RouteContext = { ...services, document, docsPage: docsPage(document) };
  for (const route of ROUTES)
    app.route({
      method: route.method,
      url: route.url,
      config: { access: route.access },
      handler: (request, reply) => route.handle(request, reply, context),
    });
  return app;
}
