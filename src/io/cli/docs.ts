// `npm run docs`: rewrites the generated tables of README.md and docs/*.md (the blocks between
// <!-- generated:NAME --> and <!-- /generated:NAME -->) from the code. `npm run docs -- --check` changes nothing and
// exits 1 when a block differs from what the code says now (test/docs.test.ts holds the same in CI).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { docFiles, rewriteBlocks, unclosedBlocks } from "../docs/blocks.js";
import { GENERATED } from "../docs/tables.js";
import { EXIT } from "./common.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const check = process.argv.includes("--check");

let stale = 0;
let broken = 0;
for (const file of docFiles(root)) {
  const path = `${root}${file}`;
  const text = readFileSync(path, "utf8");
  for (const name of unclosedBlocks(text)) {
    process.stderr.write(`${file}: <!-- generated:${name} --> has no <!-- /generated:${name} --> after it\n`);
    broken++;
  }
  const { text: rewritten, unknown } = rewriteBlocks(text, GENERATED);
  for (const name of unknown) {
    process.stderr.write(`${file}: no table is called "${name}" (known: ${Object.keys(GENERATED).join(", ")})\n`);
    broken++;
  }
  if (rewritten === text) continue;
  stale++;
  if (check) process.stderr.write(`${file}: generated tables differ from the code (run npm run docs)\n`);
  else {
    writeFileSync(path, rewritten);
    process.stderr.write(`rewrote ${file}\n`);
  }
}
if (!check && stale === 0 && broken === 0) process.stderr.write("every generated table is up to date\n");
process.exitCode = broken > 0 ? EXIT.badInput : check && stale > 0 ? EXIT.violations : EXIT.ok;
