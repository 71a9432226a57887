// The generated blocks of a markdown file: <!-- generated:NAME --> … <!-- /generated:NAME -->, each holding what
// GENERATED[NAME] renders, with a blank line on either side so the table is a markdown block of its own.
import { readdirSync } from "node:fs";
import { join } from "node:path";

const BLOCK = /<!-- generated:([a-z0-9-]+) -->\n([\s\S]*?)<!-- \/generated:\1 -->/g;
const OPENING = /<!-- generated:([a-z0-9-]+) -->/g;

export interface Block {
  readonly name: string;
  /** What stands between the markers now. */
  readonly body: string;
}

/** What the markers of `name` should hold. */
export const blockBody = (table: string) => `\n${table}\n\n`;

export function blocksOf(text: string): Block[] {
  return [...text.matchAll(BLOCK)].map((m) => ({ name: m[1], body: m[2] }));
}

/** Opening markers without their closing one (or in the wrong order): a block the rewrite would miss. */
export function unclosedBlocks(text: string): string[] {
  const closed = blocksOf(text).map((b) => b.name);
  const opened = [...text.matchAll(OPENING)].map((m) => m[1]);
  const count = (names: string[], name: string) => names.filter((n) => n === name).length;
  return [...new Set(opened)].filter((name) => count(opened, name) > count(closed, name));
}

/** The text with every block rewritten from `tables`; names no table has are returned, their blocks left as they are. */
export function rewriteBlocks(text: string, tables: Readonly<Record<string, () => string>>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const rewritten = text.replace(BLOCK, (whole, name: string) => {
    const table = tables[name];
    if (!table) {
      unknown.push(name);
      return whole;
    }
    return `<!-- generated:${name} -->\n${blockBody(table())}<!-- /generated:${name} -->`;
  });
  return { text: rewritten, unknown };
}

/** The markdown files docs are kept in, relative to the repository's root: the README and docs/*.md. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}
