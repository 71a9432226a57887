// One bundle of an entry's sources (esbuild), made again only when a source changed. The TypeScript loader compiles
// and hands over module by module, which costs most of a second before a command or a worker thread does anything.
// Plain JavaScript, so that it runs before any loader.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** How long a bundle of older sources is kept after it was last used. */
const STALE_MS = 10 * 60_000;
const root = fileURLToPath(new URL("../../../", import.meta.url));

function sources(dir, found = []) {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) sources(path, found);
    else if (/\.(ts|mjs|json)$/.test(item.name)) found.push(path);
  }
  return found;
}

/**
 * The path of an up-to-date bundle of `entry` (a path from the repository's root), made now if there is none.
 * Synchronous, so that a worker thread can be started from it wherever one is started.
 */
export function bundleOf(entry) {
  // The bundle's name says which sources it was made from: any file of src/ or models/ changed, a new one is made.
  const hash = createHash("sha256").update(entry);
  for (const file of [...sources(join(root, "src")), ...sources(join(root, "models"))].sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)} ${size} ${mtimeMs}\n`);
  }
  // Named after the entry's whole path: two entries called worker.ts must not clear each other's bundles.
  const name = entry.replace(/\.ts$/, "").replace(/[^A-Za-z0-9]+/g, "-");
  const dir = join(root, "node_modules", ".cache", "iop-roster");
  const bundle = join(dir, `${name}-${hash.digest("hex").slice(0, 16)}.mjs`);
  if (existsSync(bundle)) {
    // Marked as used, so that another process clearing bundles of older sources leaves one still starting threads.
    try {
      const now = new Date();
      utimesSync(bundle, now, now);
      return bundle;
    } catch {
      // Cleared by another process meanwhile: made again below.
    }
  }
  const { buildSync } = createRequire(import.meta.url)("esbuild");
  mkdirSync(dir, { recursive: true });
  // Packages stay outside: the bundle sits under node_modules, where node finds them as it finds them for src/.
  const temporary = `${bundle}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  buildSync({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile: temporary,
    logLevel: "error",
  });
  // Bundles of older sources go once nothing started a moment ago can still be importing them.
  for (const old of readdirSync(dir))
    if (old.startsWith(`${name}-`) && old.endsWith(".mjs") && Date.now() - statSync(join(dir, old)).mtimeMs > STALE_MS)
      rmSync(join(dir, old), { force: true });
  // Renamed whole, so a command started meanwhile never imports half a file.
  renameSync(temporary, bundle);
  return bundle;
}
