// The databases tests run on. PGlite: a fresh, migrated one per call, copied from an image made once per file.
// The PostgreSQL server the tests may use: .ci/run starts Debian's and sets TEST_DATABASE_URL (and REQUIRE_POSTGRES,
// so there the tests cannot be skipped). Each test file gets a database of its own on it, dropped afterwards.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type Db, openDb, pgliteDb } from "../../src/io/store/db.js";
import { migrate } from "../../src/io/store/migrations.js";

export const POSTGRES_URL = process.env.TEST_DATABASE_URL;
export const RUN_POSTGRES = POSTGRES_URL !== undefined || process.env.REQUIRE_POSTGRES === "1";
if (!RUN_POSTGRES) console.warn("PostgreSQL server tests skipped: TEST_DATABASE_URL is unset (.ci/run starts Debian's postgresql)");

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(): Promise<ScratchDatabase> {
  if (!POSTGRES_URL) throw new Error("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is unset");
  const name = `iop_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

let template: Promise<Blob> | undefined;

/** An empty, migrated PGlite of its own: made once per test file and copied (under a second, against five to create). */
export async function freshDb(): Promise<Db> {
  template ??= (async () => {
    const first = await PGlite.create();
    await migrate(pgliteDb(first));
    const image = await first.dumpDataDir("none");
    await first.close();
    return image;
  })();
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
