// One database API over two engines: PostgreSQL itself (DATABASE_URL, through node-postgres) and PGlite, the same
// PostgreSQL compiled to WebAssembly and run in this process on a data folder (the default: nothing to install).
// Both get the same SQL, the same schema and the same migrations; only how a connection is had differs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** Anything that runs a statement: the database, or one transaction on it. */
export interface Sql {
  /** One statement with $1… parameters; its rows. Pass JSON as text and cast it (`$1::json`). */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (a migration file). */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  readonly engine: "postgres" | "pglite";
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the data lives: a server when `url` is set, else PGlite in `dataDir` (or in memory when that is unset). */
export interface DbSettings {
  readonly url?: string;
  readonly dataDir?: string;
}

export async function openDb(settings: DbSettings): Promise<Db> {
  return settings.url ? openPostgres(settings.url) : openPglite(settings.dataDir);
}

/** The database cannot be reached now (down, restarting, unreachable): a caller answers 503 and retries later. */
export class DatabaseUnavailable extends Error {
  override readonly name = "DatabaseUnavailable";
}

/**
 * Any other failure of a statement, with only its SQLSTATE: the drivers' errors carry the statement's parameters
 * (PGlite) or values in their message and detail, and a parameter may be a roster, so nothing of them is kept.
 */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
  constructor(readonly code: string) {
    super(`database error ${code}`);
  }
}

/** SQLSTATE classes and socket errors that mean "no database now" rather than "this statement is wrong". */
const UNAVAILABLE_CODES = /^(08|57P0[1-3]|53300|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|EPIPE)/;

function sanitized(error: unknown): Error {
  if (error instanceof DatabaseUnavailable || error instanceof DatabaseError) return error;
  const code = String((error as { code?: unknown }).code ?? "");
  const message = error instanceof Error ? error.message : "";
  // node-postgres says so in words when the server goes away mid-query or a connection cannot be had in time.
  if (UNAVAILABLE_CODES.test(code) || /^Connection terminated|timeout exceeded when trying to connect|Client was closed/.test(message))
    return new DatabaseUnavailable("the database cannot be reached");
  return new DatabaseError(/^[0-9A-Z]{5}$/.test(code) ? code : "unknown");
}

/** The same statements, their errors reduced to what may be logged and told apart. */
function guarded<T extends Sql>(sql: T): T {
  return {
    ...sql,
    query: (text: string, params?: readonly unknown[]) =>
      sql.query(text, params).catch((error: unknown) => {
        throw sanitized(error);
      }),
    exec: (text: string) =>
      sql.exec(text).catch((error: unknown) => {
        throw sanitized(error);
      }),
  };
}

async function openPostgres(url: string): Promise<Db> {
  // A server that does not answer must not hold a request: a connection is had within 2 s or not at all.
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 2000 });
  // An idle connection the server drops must not bring the process down; the next query gets a fresh one.
  pool.on("error", () => undefined);
  await pool.query("select 1");
  const on = (client: pg.Pool | pg.PoolClient): Sql =>
    guarded({
      query: async <T>(text: string, params: readonly unknown[] = []) => (await client.query(text, [...params])).rows as T[],
      exec: async (text) => {
        await client.query(text);
      },
    });
  return {
    engine: "postgres",
    ...on(pool),
    transaction: async (work) => {
      const client = await pool.connect().catch((error: unknown) => {
        throw sanitized(error);
      });
      try {
        await client.query("begin");
        const result = await work(on(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw sanitized(error);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The process that has the folder: PGlite is one process's database, and two on one folder would corrupt it. */
function lockDataDir(dataDir: string): () => void {
  const lock = `${resolve(dataDir)}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number(readFileSync(lock, "utf8"));
    if (holder !== process.pid && processAlive(holder))
      throw new DataDirInUse(
        `the data folder ${dataDir} is in use by process ${holder}; several instances need one PostgreSQL server (DATABASE_URL)`,
      );
    // Left by a process that died (kill -9): the folder is free again.
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class DataDirInUse extends Error {
  override readonly name = "DataDirInUse";
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  const unlock = dataDir === undefined ? () => undefined : lockDataDir(dataDir);
  const db = await PGlite.create(dataDir).catch((error: unknown) => {
    unlock();
    throw error;
  });
  return pgliteDb(db, unlock);
}

/** A PGlite instance as a Db (tests load one from a prepared data folder image). */
export function pgliteDb(db: PGlite, unlock: () => void = () => undefined): Db {
  const on = (target: Pick<PGlite, "query" | "exec">): Sql =>
    guarded({
      query: async <T>(text: string, params: readonly unknown[] = []) => (await target.query<T>(text, [...params])).rows,
      exec: async (text) => {
        await target.exec(text);
      },
    });
  return {
    engine: "pglite",
    ...on(db),
    // PGlite is one connection: its transaction holds it, so other statements wait rather than interleave.
    transaction: (work) =>
      db
        .transaction((tx) => work(on(tx)))
        .catch((error: unknown) => {
          throw sanitized(error);
        }),
    close: async () => {
      await db.close();
      unlock();
    },
  };
}
