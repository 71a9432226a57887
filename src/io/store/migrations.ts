// The schema as numbered SQL files, applied in order once per database; several instances starting together
// apply each file once (an advisory lock serialises them).
import { readFileSync, readdirSync } from "node:fs";
import type { Db } from "./db.js";

const DIR = new URL("./migrations/", import.meta.url);
/** Any fixed number: it names the lock every instance takes while it migrates. */
const MIGRATION_LOCK = 7_140_001;

export function migrationFiles(): string[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort();
}

/** Applies the migrations this database has not had yet; the ids it applied. */
export async function migrate(db: Db): Promise<string[]> {
  return db.transaction(async (sql) => {
    await sql.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await sql.exec("create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())");
    const done = new Set((await sql.query<{ id: string }>("select id from schema_migrations")).map((r) => r.id));
    const applied: string[] = [];
    for (const file of migrationFiles()) {
      if (done.has(file)) continue;
      await sql.exec(readFileSync(new URL(file, DIR), "utf8"));
      await sql.query("insert into schema_migrations (id) values ($1)", [file]);
      applied.push(file);
    }
    return applied;
  });
}
