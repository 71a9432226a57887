// The clinic's record of stays in the database, and the changes given per week. Reads and the making of a week are
// logged by the caller's key (Part 2); patient data stays in the rows, never in the log.
import { type StayRecord, type WeekChanges, StayRecord as StaySchema } from "../../domain/index.js";
import { logAccess } from "./access-log.js";
import type { Db } from "./db.js";

export class StayBook {
  constructor(private readonly db: Db) {}

  /** Every stay of the clinic, open and discharged, by patient id. Not logged: the caller says whose read it is. */
  async stays(clinicId: string): Promise<Map<string, StayRecord>> {
    const rows = await this.db.query<{ patient_id: string; record: unknown }>(
      "select patient_id, record from stays where clinic_id = $1 order by patient_id",
      [clinicId],
    );
    // Parsed again on the way out: a record written by an older version still has to fit today's schema.
    return new Map(rows.map((r) => [r.patient_id, StaySchema.parse(r.record)]));
  }

  /** Reads the clinic's stays as `keyId`, logged. */
  async read(keyId: string, clinicId: string): Promise<Map<string, StayRecord>> {
    const stays = await this.stays(clinicId);
    await logAccess(this.db, { keyId, action: "read-stays", clinicId, resource: "stays" });
    return stays;
  }

  /** The changes kept for a week, if any were given. */
  async changes(clinicId: string, weekStart: string): Promise<WeekChanges | undefined> {
    const [row] = await this.db.query<{ changes: WeekChanges }>(
      "select changes from week_changes where clinic_id = $1 and week_start = $2::date",
      [clinicId, weekStart],
    );
    return row?.changes;
  }

  /**
   * Saves the record as closed and the changes of the week being made, in one transaction with its log entry: the
   * same week made again replaces its changes, and a stay's record is replaced whole.
   */
  async save(keyId: string, clinicId: string, record: ReadonlyMap<string, StayRecord>, week: string, changes: WeekChanges) {
    await this.db.transaction(async (sql) => {
      await sql.query(
        `insert into stays (clinic_id, patient_id, record, discharged_on)
         select $1, r->'patient'->>'id', r, (r->'discharged'->>'date')::date from json_array_elements($2::json) r
         on conflict (clinic_id, patient_id)
         do update set record = excluded.record, discharged_on = excluded.discharged_on, updated_at = now()`,
        [clinicId, JSON.stringify([...record.values()])],
      );
      await sql.query(
        `insert into week_changes (clinic_id, week_start, changes, recorded_by) values ($1, $2::date, $3::json, $4)
         on conflict (clinic_id, week_start) do update set changes = excluded.changes, recorded_by = excluded.recorded_by, recorded_at = now()`,
        [clinicId, week, JSON.stringify(changes), keyId],
      );
      await logAccess(sql, { keyId, action: "next-week", clinicId, resource: `week:${week}` });
    });
  }

  /** Deletes stays discharged more than `weeks` weeks before `today`; each clinic's deletion is logged. */
  async applyRetention(weeks: number, today = new Date()): Promise<number> {
    return this.db.transaction(async (sql) => {
      const gone = await sql.query<{ clinic_id: string; n: number }>(
        `with gone as (delete from stays where discharged_on < ($1::date - make_interval(days => $2)) returning clinic_id)
         select clinic_id, count(*)::int as n from gone group by clinic_id`,
        [today.toISOString().slice(0, 10), weeks * 7],
      );
      for (const row of gone) await logAccess(sql, { keyId: "retention", action: "delete", clinicId: row.clinic_id, resource: "stays" });
      return gone.reduce((n, r) => n + r.n, 0);
    });
  }
}
