// The access log (42 CFR Part 2): every disclosure and every change of who may see what, by API key id. It holds
// no patient data beyond the pseudonymous subject of an export (patient:<id>), which is what the rule asks to know.
import type { AccessEntry } from "../../domain/index.js";
import type { Sql } from "./db.js";

export type AccessRecord = Omit<AccessEntry, "at" | "clinicId" | "format" | "subject"> & {
  readonly clinicId?: string | null;
  readonly format?: string | null;
  readonly subject?: string | null;
};

interface Row {
  at: Date;
  key_id: string;
  action: AccessEntry["action"];
  clinic_id: string | null;
  resource: string;
  format: string | null;
  subject: string | null;
}

/** Writes one entry, on the transaction that made the change when there is one: no change without its entry. */
export async function logAccess(sql: Sql, entry: AccessRecord): Promise<void> {
  await sql.query("insert into access_log (key_id, action, clinic_id, resource, format, subject) values ($1, $2, $3, $4, $5, $6)", [
    entry.keyId,
    entry.action,
    entry.clinicId ?? null,
    entry.resource,
    entry.format ?? null,
    entry.subject ?? null,
  ]);
}

/**
 * The log of one clinic, or the whole log (key changes included) when `clinicId` is null, oldest first. Reading it
 * is itself logged, by `reader`, before the entries are read: the answer holds its own read.
 */
export async function readAccessLog(sql: Sql, reader: string, clinicId: string | null): Promise<AccessEntry[]> {
  await logAccess(sql, { keyId: reader, action: "read-access-log", clinicId, resource: "access-log" });
  const rows = await sql.query<Row>(
    `select at, key_id, action, clinic_id, resource, format, subject from access_log
     ${clinicId === null ? "" : "where clinic_id = $1"} order by at, id`,
    clinicId === null ? [] : [clinicId],
  );
  return rows.map((r) => ({
    at: r.at.toISOString(),
    keyId: r.key_id,
    action: r.action,
    clinicId: r.clinic_id,
    resource: r.resource,
    format: r.format,
    subject: r.subject,
  }));
}
