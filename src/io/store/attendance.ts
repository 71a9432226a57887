// Attendance in the database, per published roster: marks recorded (the last for a session and patient stands)
// and read back, each recording logged. Deleted with its roster (retention).
import type { AttendanceMark } from "../../domain/index.js";
import { logAccess } from "./access-log.js";
import type { Db } from "./db.js";

interface Row {
  session_id: string;
  patient_id: string;
  status: AttendanceMark["status"];
}

export class AttendanceBook {
  constructor(private readonly db: Db) {}

  /** Records `marks` for a roster, as `keyId`, in one transaction with its log entry; the number recorded. */
  async record(keyId: string, roster: { id: string; clinicId: string }, marks: readonly AttendanceMark[]): Promise<number> {
    return this.db.transaction(async (sql) => {
      // One statement for the whole list: a week's marks are thousands, and each round trip costs more than the row.
      await sql.query(
        `insert into attendance (roster_id, session_id, patient_id, status, recorded_by)
         select $1, m->>'sessionId', m->>'patientId', m->>'status', $2 from json_array_elements($3::json) m
         on conflict (roster_id, session_id, patient_id)
         do update set status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = now()`,
        [roster.id, keyId, JSON.stringify(marks)],
      );
      await logAccess(sql, { keyId, action: "record-attendance", clinicId: roster.clinicId, resource: `attendance:${roster.id}` });
      return marks.length;
    });
  }

  /** The marks of a roster, by session and patient. Not logged: the caller says whose read it is. */
  async marks(rosterId: string): Promise<AttendanceMark[]> {
    const rows = await this.db.query<Row>(
      "select session_id, patient_id, status from attendance where roster_id = $1 order by session_id, patient_id",
      [rosterId],
    );
    return rows.map((r) => ({ sessionId: r.session_id, patientId: r.patient_id, status: r.status }));
  }
}
