// Every example in the README can be copied as it is: JSON blocks parse, and the scenario example is a valid scenario.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Scenario, parseWith } from "../src/domain/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));

describe("README examples", () => {
  it("every code block says its language, and none is JSON with comments", () => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) expect(["sh", "json"]).toContain(b.lang);
  });

  it("every JSON block parses, and the scenario example is a valid scenario", () => {
    const json = blocks.filter((b) => b.lang === "json").map((b) => JSON.parse(b.text));
    const scenarios = json.filter((j) => j.clinic && j.patients);
    expect(scenarios).toHaveLength(1);
    expect(parseWith(Scenario, scenarios[0])).toMatchObject({ ok: true });
  });
});
