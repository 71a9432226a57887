// The databases tests run on. PGlite: a fresh, migrated one per call, copied from an image made once per machine
// (kept in the temporary folder, named by the migrations) and read once per test file.
// The PostgreSQL server the tests may use: .ci/run starts Debian's and sets TEST_DATABASE_URL (and REQUIRE_POSTGRES,
// so there the tests cannot be skipped). Each test file gets a database of its own on it, dropped afterwards.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type FileHandle, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll } from "vitest";
import { type ScratchDatabase, scratchDatabase as makeScratch } from "../../bench/scratch-database.js";
import { type Db, openDb, pgliteDb } from "../../src/io/store/db.js";
import { migrate, migrationFiles } from "../../src/io/store/migrations.js";

export const POSTGRES_URL = process.env.TEST_DATABASE_URL;
/** `npm run test:unit` needs no server, so it leaves PostgreSQL out whatever the environment says (vitest.unit.config.ts). */
const UNIT_ONLY = process.env.UNIT_TESTS_ONLY === "1";
export const RUN_POSTGRES = !UNIT_ONLY && (POSTGRES_URL !== undefined || process.env.REQUIRE_POSTGRES === "1");
if (!RUN_POSTGRES && !UNIT_ONLY)
  console.warn("PostgreSQL server tests skipped: TEST_DATABASE_URL is unset (.ci/run starts Debian's postgresql)");

export type { ScratchDatabase };

export async function scratchDatabase(): Promise<ScratchDatabase> {
  if (!POSTGRES_URL) throw new Error("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is unset");
  return makeScratch(POSTGRES_URL);
}

/** A migrated PGlite's data folder as an image: initdb in WebAssembly, then the migrations (seconds). */
async function makeImage(): Promise<Blob> {
  const first = await PGlite.create();
  await migrate(pgliteDb(first));
  const image = await first.dumpDataDir("none");
  await first.close();
  return image;
}

const STORE = new URL("../../src/io/store/", import.meta.url);
const IMAGES = join(tmpdir(), "iop-roster-test-pglite");

/** The image's file: named by what shapes it (PGlite's version, the migrations and the code applying them). */
function imageFile(): string {
  const hash = createHash("sha256");
  const version = (() => {
    try {
      return JSON.parse(readFileSync(new URL("../../node_modules/@electric-sql/pglite/package.json", import.meta.url), "utf8")).version;
    } catch {
      return "unknown";
    }
  })();
  hash.update(`pglite ${version}\0`);
  hash.update(readFileSync(new URL("migrations.ts", STORE)));
  for (const file of migrationFiles()) hash.update(`\0${file}\0`).update(readFileSync(new URL(`migrations/${file}`, STORE)));
  return join(IMAGES, `${hash.digest("hex").slice(0, 16)}.tar`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The image as a file of the temporary folder, written whole under another name first; older images removed. */
async function keep(file: string, image: Blob): Promise<void> {
  const part = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(part, new Uint8Array(await image.arrayBuffer()));
  await rename(part, file);
  for (const name of await readdir(IMAGES))
    if (name.endsWith(".tar") && join(IMAGES, name) !== file) await rm(join(IMAGES, name), { force: true });
}

/**
 * The image another test worker (or an earlier run) made, or the lock to make it: an exclusive file holding our pid,
 * so the others wait rather than make it too. A lock whose process is gone is taken over. Null when the temporary
 * folder cannot be used or the wait is too long: then the image is made in memory, as before.
 */
async function imageOrLock(file: string, lock: string): Promise<Blob | FileHandle | null> {
  const ready = () =>
    readFile(file).then(
      (bytes) => new Blob([bytes]),
      () => undefined,
    );
  try {
    await mkdir(IMAGES, { recursive: true });
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const found = await ready();
      if (found) return found;
      const held = await open(lock, "wx").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "EEXIST") return undefined;
        throw error;
      });
      if (held) {
        await held.writeFile(String(process.pid));
        return held;
      }
      const holder = Number(await readFile(lock, "utf8").catch(() => ""));
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if ((holder > 0 && !alive(holder)) || age > 300_000) await rm(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch {
    // No usable temporary folder.
  }
  return null;
}

async function cachedImage(): Promise<Blob> {
  const file = imageFile();
  const lock = `${file}.lock`;
  const found = await imageOrLock(file, lock);
  if (found instanceof Blob) return found;
  if (found === null) return makeImage();
  try {
    // Made by another worker between our look and our lock?
    const other = await readFile(file).catch(() => undefined);
    if (other) return new Blob([other]);
    const image = await makeImage();
    await keep(file, image).catch(() => undefined);
    return image;
  } finally {
    await found.close();
    await rm(lock, { force: true });
  }
}

let template: Promise<Blob> | undefined;

/** An empty, migrated PGlite of its own: copied from the image (about a second, against five or more to create). */
export async function freshDb(): Promise<Db> {
  template ??= cachedImage();
  return pgliteDb(await PGlite.create({ loadDataDir: await template }));
}

/** PGlite always; the PostgreSQL server too when there is one: each a fresh migrated database and its clean-up. */
export const ENGINES: [string, () => Promise<{ db: Db; done: () => Promise<void> }>][] = [
  [
    "PGlite",
    async () => {
      const db = await freshDb();
      return { db, done: () => db.close() };
    },
  ],
];
if (RUN_POSTGRES)
  ENGINES.push([
    "PostgreSQL",
    async () => {
      const scratch: ScratchDatabase = await scratchDatabase();
      const db = await openDb({ url: scratch.url });
      await migrate(db);
      return {
        db,
        done: async () => {
          await db.close();
          await scratch.drop();
        },
      };
    },
  ]);

/** The engine's fresh database for the tests of a describe block: opened before them, dropped after. */
export function onDatabase(open: (typeof ENGINES)[number][1]): () => Db {
  let db: Db;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ db, done } = await open());
  }, 60_000);
  afterAll(async () => done());
  return () => db;
}
