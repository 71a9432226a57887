// Every example in the README and docs/ can be copied as it is: code blocks say their language, JSON blocks parse,
// and the one scenario example (docs/formats.md) is a valid scenario.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Scenario, parseWith } from "../src/domain/index.js";
import { docFiles } from "../src/io/docs/blocks.js";

const root = new URL("../", import.meta.url);
const blocks = docFiles(root.pathname).flatMap((file) =>
  [...readFileSync(new URL(file, root), "utf8").matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ file, lang: m[1], text: m[2] })),
);

describe("README and docs examples", () => {
  it("every code block says its language, and none is JSON with comments", () => {
    expect(blocks.filter((b) => b.file === "README.md").length).toBeGreaterThan(0);
    for (const b of blocks) expect(["sh", "json"], b.file).toContain(b.lang);
  });

  it("every JSON block parses, and the scenario example is a valid scenario", () => {
    const json = blocks.filter((b) => b.lang === "json").map((b) => JSON.parse(b.text));
    const scenarios = json.filter((j) => j.clinic && j.patients);
    expect(scenarios).toHaveLength(1);
    expect(parseWith(Scenario, scenarios[0])).toMatchObject({ ok: true });
  });
});
