// The JSON body parser: plain JSON.parse, so malformed JSON has its own error, then secure-json-parse's scan (the
// one fastify uses) refuses __proto__ and constructor.prototype keys with theirs.
import { scan } from "secure-json-parse";

export class BodyError extends Error {
  readonly statusCode = 400;
  constructor(readonly code: "EMPTY_BODY" | "MALFORMED_JSON" | "FORBIDDEN_KEY") {
    super(code);
    this.name = "BodyError";
  }
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new BodyError("EMPTY_BODY");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError("MALFORMED_JSON");
  }
  try {
    // fastify's own scanner (iterative, so a deeply nested body cannot overflow the stack).
    if (value !== null && typeof value === "object") scan(value, { protoAction: "error", constructorAction: "error" });
  } catch {
    throw new BodyError("FORBIDDEN_KEY");
  }
  return value;
}
