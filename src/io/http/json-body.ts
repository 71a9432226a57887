// The JSON body parser: plain JSON.parse, then a walk that refuses prototype-polluting keys with their own error.
// The walk keeps its own stack, so a deeply nested body cannot overflow ours.

export class BodyError extends Error {
  readonly statusCode = 400;
  constructor(readonly code: "EMPTY_BODY" | "MALFORMED_JSON" | "FORBIDDEN_KEY") {
    super(code);
    this.name = "BodyError";
  }
}

function hasForbiddenKey(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (Object.hasOwn(node, "__proto__")) return true;
    const ctor = (node as Record<string, unknown>).constructor;
    if (Object.hasOwn(node, "constructor") && ctor !== null && typeof ctor === "object" && Object.hasOwn(ctor, "prototype")) return true;
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") stack.push(value);
  }
  return false;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new BodyError("EMPTY_BODY");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError("MALFORMED_JSON");
  }
  if (hasForbiddenKey(value)) throw new BodyError("FORBIDDEN_KEY");
  return value;
}
