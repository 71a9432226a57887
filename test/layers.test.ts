// Layers point one way: domain ← solver, domain ← validator, io ← all. The validator never imports the solver.
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
  ])("%s imports none of %j", (layer, forbidden) => {
    for (const file of files(join(root, layer))) {
      for (const spec of imports(file)) for (const f of forbidden) expect(`${file}: ${spec}`).not.toContain(`..${f}`);
    }
  });

  it("only io touches the file system or the process", () => {
    for (const layer of ["domain", "solver", "validator"]) {
      for (const file of files(join(root, layer))) expect(imports(file).filter((s) => /^node:(fs|child_process|process)/.test(s))).toEqual([]);
    }
  });
});
