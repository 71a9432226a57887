// Layers point one way: domain ← solver, domain ← validator, app (use cases) ← both, io ← all. The validator never
// imports the solver, and no use case reads a file, a request or a database.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(path: string): string[] {
  return [...readFileSync(path, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
}

const root = new URL("../src/", import.meta.url).pathname;

describe("layers", () => {
  it.each([
    ["validator", ["/solver/", "/io/", "/generator/"]],
    ["domain", ["/solver/", "/validator/", "/io/", "/generator/"]],
    ["solver", ["/validator/", "/io/", "/generator/"]],
    ["app", ["/io/", "/generator/"]],
  ])("%s imports none of %j", (layer, forbidden) => {
    for (const file of files(join(root, layer))) {
      for (const spec of imports(file)) for (const f of forbidden) expect(`${file}: ${spec}`).not.toContain(`..${f}`);
    }
  });

  it("only io touches the file system or the process", () => {
    for (const layer of ["domain", "solver", "validator", "app"]) {
      for (const file of files(join(root, layer)))
        expect(imports(file).filter((s) => /^node:(fs|child_process|process)/.test(s))).toEqual([]);
    }
  });
});

describe("the rule catalogue is the spine", () => {
  it("every hard rule has a validator check, and every rule but the roster's bookkeeping a solver predicate", async () => {
    const { RULE_IDS } = await import("../src/domain/index.js");
    const { CHECKS } = await import("../src/validator/checks.js");
    const { ENFORCED_BY } = await import("../src/solver/constraints.js");
    expect(Object.keys(CHECKS).sort()).toEqual([...RULE_IDS].sort());
    expect(Object.keys(ENFORCED_BY).sort()).toEqual([...RULE_IDS].sort());
    // Integrity and curriculum progress are the roster's own bookkeeping, written in one place from the solver's state.
    const bookkeeping = new Set(["roster-integrity", "curriculum-progress"]);
    for (const id of RULE_IDS) if (!bookkeeping.has(id)) expect(ENFORCED_BY[id].length, id).toBeGreaterThan(0);
  });
});
