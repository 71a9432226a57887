// Published rosters: the week a coordinator put in force, kept per clinic with the scenario it was made from, so
// next week can start from it and any two can be compared. Every read, export and publication is logged (Part 2:
// who, by API key id, touched which clinic's roster, when; never patient data). Old rosters expire by retention.
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { type Published, type PublishedSummary, type Roster, type Scenario, bookedIn } from "../../domain/index.js";
import { logAccess } from "./access-log.js";
import type { Db } from "./db.js";

interface Row {
  id: string;
  clinic_id: string;
  week_start: string;
  published_at: Date;
  published_by: string;
  sequence: number;
  scenario?: Scenario;
  roster?: Roster;
}

const SUMMARY = `id, clinic_id, to_char(week_start, 'YYYY-MM-DD') as week_start, published_at, published_by,
  (select count(*)::int from rosters e where e.clinic_id = rosters.clinic_id and e.week_start = rosters.week_start
     and e.published_at < rosters.published_at) as sequence`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function summary(row: Row): PublishedSummary {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    weekStart: row.week_start,
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by,
    sequence: row.sequence,
  };
}

export class RosterArchive {
  constructor(private readonly db: Db) {}

  /**
   * Keeps a roster as the clinic's week in force (the newest publication of a week wins), and logs it. Attendance
   * already recorded for the week moves to it, for every patient still booked in the session marked.
   */
  async publish(keyId: string, scenario: Scenario, roster: Roster): Promise<PublishedSummary> {
    return this.db.transaction(async (sql) => {
      const [earlier] = await sql.query<{ id: string }>(
        "select id from rosters where clinic_id = $1 and week_start = $2::date order by published_at desc limit 1",
        [roster.clinicId, roster.weekStart],
      );
      const [row] = await sql.query<Row>(
        `insert into rosters (id, clinic_id, week_start, scenario, roster, published_by) values ($1, $2, $3, $4::json, $5::json, $6)
         returning ${SUMMARY}`,
        [randomUUID(), roster.clinicId, roster.weekStart, JSON.stringify(scenario), JSON.stringify(roster), keyId],
      );
      await logAccess(sql, { keyId, action: "publish", clinicId: roster.clinicId, resource: `roster:${row.id}` });
      if (!earlier) return summary(row);
      const marks = await sql.query<{ session_id: string; patient_id: string }>(
        "select session_id, patient_id from attendance where roster_id = $1",
        [earlier.id],
      );
      if (marks.length === 0) return summary(row);
      const booked = bookedIn(roster);
      const kept = marks.filter((m) => booked.get(m.session_id)?.has(m.patient_id));
      await sql.query(
        `insert into attendance (roster_id, session_id, patient_id, status, recorded_by, recorded_at)
         select $1, a.session_id, a.patient_id, a.status, a.recorded_by, a.recorded_at
         from attendance a join json_array_elements($3::json) k on a.session_id = k->>0 and a.patient_id = k->>1
         where a.roster_id = $2`,
        [row.id, earlier.id, JSON.stringify(kept.map((m) => [m.session_id, m.patient_id]))],
      );
      return { ...summary(row), attendance: { carried: kept.length, dropped: marks.length - kept.length } };
    });
  }

  /** Clinics with a published week, for a key that acts for every clinic. */
  async clinics(): Promise<string[]> {
    return (await this.db.query<{ clinic_id: string }>("select distinct clinic_id from rosters order by clinic_id")).map(
      (r) => r.clinic_id,
    );
  }

  /** The clinic's publications, newest week first; no roster content, so nothing to log. */
  async list(clinicId: string): Promise<PublishedSummary[]> {
    const rows = await this.db.query<Row>(
      `select ${SUMMARY} from rosters where clinic_id = $1 order by week_start desc, published_at desc`,
      [clinicId],
    );
    return rows.map(summary);
  }

  /**
   * One publication by id, or "latest" (the newest week), "week:<week>" (that Monday's week) or "before:<week>" (the
   * newest week before that Monday, which a next week's solve continues from). Not logged: see get.
   */
  async find(clinicId: string, which: string): Promise<Published | undefined> {
    const week = /^(before|week):(\d{4}-\d{2}-\d{2})$/.exec(which);
    if (which !== "latest" && !week && !UUID.test(which)) return undefined;
    // A date of no calendar (2026-02-30) names no week.
    if (week && !DateTime.fromISO(week[2]).isValid) return undefined;
    const filter = which === "latest" ? "" : week ? `and week_start ${week[1] === "before" ? "<" : "="} $2::date` : "and id = $2";
    const [row] = await this.db.query<Row>(
      `select ${SUMMARY}, scenario, roster from rosters where clinic_id = $1 ${filter} order by week_start desc, published_at desc limit 1`,
      which === "latest" ? [clinicId] : [clinicId, week ? week[2] : which],
    );
    return row ? { ...summary(row), scenario: row.scenario!, roster: row.roster! } : undefined;
  }

  /**
   * The rosters in force for the `weeks` weeks before `weekStart` (the newest publication of each), newest first.
   * Not logged: the caller reads them for the topics their groups held, not for the patients.
   */
  async weeksBefore(clinicId: string, weekStart: string, weeks: number): Promise<{ scenario: Scenario; roster: Roster }[]> {
    const rows = await this.db.query<Row>(
      `select distinct on (week_start) scenario, roster from rosters
       where clinic_id = $1 and week_start < $2::date and week_start >= ($2::date - make_interval(days => $3))
       order by week_start desc, published_at desc`,
      [clinicId, weekStart, weeks * 7],
    );
    return rows.map((r) => ({ scenario: r.scenario!, roster: r.roster! }));
  }

  /** The same, read by `keyId` and logged as a read. */
  async get(keyId: string, clinicId: string, which: string): Promise<Published | undefined> {
    const found = await this.find(clinicId, which);
    if (found) await logAccess(this.db, { keyId, action: "read", clinicId, resource: `roster:${found.id}` });
    return found;
  }

  /** Deletes rosters whose week began more than `weeks` weeks before `today`; each deletion is logged. */
  async applyRetention(weeks: number, today = new Date()): Promise<number> {
    return this.db.transaction(async (sql) => {
      const gone = await sql.query<{ id: string; clinic_id: string }>(
        "delete from rosters where week_start < ($1::date - make_interval(days => $2)) returning id, clinic_id",
        [today.toISOString().slice(0, 10), weeks * 7],
      );
      for (const row of gone)
        await logAccess(sql, { keyId: "retention", action: "delete", clinicId: row.clinic_id, resource: `roster:${row.id}` });
      return gone.length;
    });
  }
}
