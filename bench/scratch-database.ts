// A database of its own on a PostgreSQL server, made with a random name and dropped when done: for a test file or
// a bench run that must not touch anyone else's tables on a shared server.
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** `server`: a URL whose role may create databases; the new database's URL names the same role. */
export async function scratchDatabase(server: string, prefix = "iop_test"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await run(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
