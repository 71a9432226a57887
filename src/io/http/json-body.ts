// The JSON body parser. Before anything is parsed, one pass over the text refuses a list longer than any the
// schemas accept, so a body of a million zeros costs milliseconds instead of blocking the event loop. Then
// secure-json-parse (fastify's own) parses, and walks the result for __proto__ and constructor.prototype keys
// only when the text contains them.
import { parse } from "secure-json-parse";
import { LIMITS } from "../../domain/index.js";

/** The longest list any field of a request may hold: longer ones are refused before parsing. */
export const MAX_LIST_LENGTH = Math.max(...Object.values(LIMITS));

export class BodyError extends Error {
  readonly statusCode: number;
  constructor(readonly code: "EMPTY_BODY" | "MALFORMED_JSON" | "FORBIDDEN_KEY" | "LIST_TOO_LONG") {
    super(code);
    this.name = "BodyError";
    this.statusCode = code === "LIST_TOO_LONG" ? 413 : 400;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/** True when some array in the JSON text has more than `max` entries (commas at its own depth, strings skipped). */
export function hasListLongerThan(text: string, max: number): boolean {
  // Per open bracket, the commas counted so far; -1 marks an object, whose commas separate keys.
  const commas: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (c === OPEN) commas.push(0);
    else if (c === OPEN_OBJECT) commas.push(-1);
    else if (c === CLOSE || c === CLOSE_OBJECT) commas.pop();
    else if (c === COMMA && commas.length > 0 && commas[commas.length - 1] >= 0) {
      // n commas separate n + 1 entries.
      if (++commas[commas.length - 1] >= max) return true;
    }
  }
  return false;
}

export function parseJsonBody(text: string, method: string): unknown {
  if (text.trim() === "") {
    // A DELETE or GET sent with a JSON content type but nothing in it has no body, which is fine.
    if (method === "DELETE" || method === "GET" || method === "HEAD") return undefined;
    throw new BodyError("EMPTY_BODY");
  }
  if (hasListLongerThan(text, MAX_LIST_LENGTH)) throw new BodyError("LIST_TOO_LONG");
  try {
    return parse(text, null, { protoAction: "error", constructorAction: "error" });
  } catch {
    // Which was it: text that is not JSON, or JSON with a forbidden key? Only this rare path parses twice.
    try {
      JSON.parse(text);
    } catch {
      throw new BodyError("MALFORMED_JSON");
    }
    throw new BodyError("FORBIDDEN_KEY");
  }
}
