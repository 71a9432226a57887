// API keys, for admins: make one (shown once), list them (never the keys), revoke one. Each change is logged.
import { CreateKeyRequest } from "../../../domain/index.js";
import { bodyOf } from "./answers.js";
import { sendProblem } from "../problems.js";
import { type RouteSpec, paramsOf } from "../route-table.js";

export const KEY_ROUTES: RouteSpec[] = [
  {
    method: "POST",
    url: "/v1/keys",
    access: "admin",
    operationId: "createKey",
    summary: "Make an API key for some clinics (or all) in a role; the key is in this answer only",
    body: "CreateKeyRequest",
    database: true,
    answers: [{ status: 201, description: "The key and what it may do", content: "CreatedKey" }],
    handle: async (request, reply, { keys }) => {
      const parsed = bodyOf(request, reply, CreateKeyRequest);
      if ("answered" in parsed) return parsed.answered;
      return reply.code(201).send(await keys.create(request.principal.keyId, parsed.value));
    },
  },
  {
    method: "GET",
    url: "/v1/keys",
    access: "admin",
    operationId: "listKeys",
    summary: "Every key made here, revoked ones included, without the keys themselves",
    database: true,
    answers: [{ status: 200, description: "Keys, oldest first", content: { arrayOf: "ApiKeyView" } }],
    handle: (_request, _reply, { keys }) => keys.list(),
  },
  {
    method: "DELETE",
    url: "/v1/keys/:keyId",
    access: "admin",
    operationId: "revokeKey",
    summary: "Revoke a key: refused from now on (on other instances within 5 s)",
    params: { keyId: "The key's id, from the list" },
    database: true,
    answers: [{ status: 200, description: "The key as revoked", content: "ApiKeyView" }],
    handle: async (request, reply, { keys, auth }) => {
      const revoked = await keys.revoke(request.principal.keyId, paramsOf(request).keyId);
      if (!revoked) return sendProblem(reply, "not-found", { detail: "no key has that id" });
      auth.forget();
      return revoked;
    },
  },
];
