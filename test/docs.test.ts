// The docs say what the code does: every generated table (<!-- generated:NAME -->) is what `npm run docs` would
// write from the code now (CI never rewrites a tracked file, so a route, rule, term or setting changed without
// `npm run docs` fails here), every relative link leads to a file (and heading) that exists, every npm script is
// documented, the bench page links every kept result rather than copying it, and the README stays short.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { blockBody, blocksOf, docFiles, rewriteBlocks, unclosedBlocks } from "../src/io/docs/blocks.js";
import { CONFIG_MEANINGS, EXIT_MEANINGS, GENERATED } from "../src/io/docs/tables.js";
import { Config } from "../src/io/http/config.js";
import { EXIT } from "../src/io/cli/common.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const files = docFiles(root);
const text = (file: string) => readFileSync(join(root, file), "utf8");

/** The prose of a markdown file: fenced code blocks and inline code taken out, so their brackets are not links. */
const prose = (markdown: string) => markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "``");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading.replace(/`/g, ""));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

describe("generated tables", () => {
  it("every block is what the code generates now (else run npm run docs)", () => {
    for (const file of files) {
      const current = text(file);
      expect(unclosedBlocks(current), `${file}: markers without their closing marker`).toEqual([]);
      for (const block of blocksOf(current)) {
        const table = GENERATED[block.name];
        expect(table, `${file}: no table is called "${block.name}"`).toBeDefined();
        expect(block.body, `${file}: the "${block.name}" table differs from the code: run npm run docs`).toBe(blockBody(table()));
      }
      expect(rewriteBlocks(current, GENERATED).text === current, `${file}: run npm run docs`).toBe(true);
    }
  });

  it("every table is in the docs", () => {
    const names = new Set(files.flatMap((file) => blocksOf(text(file)).map((b) => b.name)));
    expect([...names].sort()).toEqual(Object.keys(GENERATED).sort());
  });

  it("a hand edit of a block is caught", () => {
    const doc = `a\n<!-- generated:rules -->\n${blockBody(GENERATED.rules())}<!-- /generated:rules -->\nb\n`;
    expect(rewriteBlocks(doc, GENERATED).text).toBe(doc);
    const edited = doc.replace("`pins`", "`pins-edited`");
    expect(blocksOf(edited)[0].body).not.toBe(blockBody(GENERATED.rules()));
    expect(rewriteBlocks(edited, GENERATED).text).toBe(doc);
    expect(unclosedBlocks("<!-- generated:rules -->\n| x |\n")).toEqual(["rules"]);
  });

  it("every setting and exit code is described, and nothing else", () => {
    expect(Object.keys(CONFIG_MEANINGS).sort()).toEqual(Object.keys(Config.shape).sort());
    expect(Object.keys(EXIT_MEANINGS).sort()).toEqual(Object.keys(EXIT).sort());
  });
});

describe("links", () => {
  it("every relative link of README.md and docs/*.md leads to a file, and an anchor to a heading", () => {
    const broken: string[] = [];
    for (const file of files) {
      for (const [, target] of prose(text(file)).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [path, anchor] = target.split("#");
        const resolved = path === "" ? file : normalize(join(dirname(file), decodeURIComponent(path)));
        if (!existsSync(join(root, resolved))) {
          broken.push(`${file}: ${target} (no ${resolved})`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith(".md") && !anchorsOf(text(resolved)).has(anchor))
          broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the bench page links every kept result instead of copying it", () => {
    const bench = text("docs/bench.md");
    const kept = readdirSync(join(root, "bench/results"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
    expect(kept.length).toBeGreaterThan(0);
    for (const result of kept) expect(bench, result).toContain(`](../bench/results/${result.replace(/\\/g, "/")})`);
  });
});

describe("the README", () => {
  const readme = text("README.md");

  it("stays short: what it is, the two commands, the picture, where to go next", () => {
    expect(readme.split("\n").length).toBeLessThan(130);
    expect(readme).toContain("npm ci && npm run roster -- scenarios/whole-week-120.json");
    expect(readme).toContain("npm ci && npm test");
    expect(existsSync(join(root, "scenarios/whole-week-120.json"))).toBe(true);
    expect(readme).toContain("](docs/workspace.png)");
    for (const doc of readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md"))) expect(readme).toContain(`](docs/${doc})`);
  });

  it("every npm script is documented", () => {
    const scripts = Object.keys(JSON.parse(text("package.json")).scripts as Record<string, string>);
    const docs = files.map(text).join("\n");
    const mentioned = (name: string) =>
      [`npm run ${name}`, `npm run -s ${name}`, `\`${name}\``].some((m) => docs.includes(m)) ||
      (name === "test" && docs.includes("npm test"));
    expect(scripts.filter((name) => !mentioned(name))).toEqual([]);
  });
});
