// A clinic's week being planned in the workspace, before it is published: the scenario read from the spreadsheets
// (and the rows left out), the job solving it, and the roster once solved or edited by hand. One draft per clinic
// and week, shared by every key that acts for the clinic; reads of its roster are logged by the workspace.
import type { Roster, Scenario } from "../../domain/index.js";
import type { Db } from "./db.js";

export interface Draft {
  readonly clinicId: string;
  readonly weekStart: string;
  readonly scenario: Scenario;
  /** The spreadsheet rows not read, as the coordinator is shown them. */
  readonly leftOut: readonly string[];
  /** What the week was made with, when it was made from the clinic's record. */
  readonly notes: readonly string[];
  readonly job: { readonly id: string; readonly owner: string } | null;
  readonly roster: Roster | null;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export interface DraftWeek {
  readonly weekStart: string;
  readonly solved: boolean;
  readonly updatedAt: Date;
}

interface Row {
  clinic_id: string;
  week_start: string;
  scenario: Scenario;
  left_out: string[];
  notes: string[];
  job_id: string | null;
  job_owner: string | null;
  roster: Roster | null;
  updated_by: string;
  updated_at: Date;
}

const COLUMNS =
  "clinic_id, to_char(week_start, 'YYYY-MM-DD') as week_start, scenario, left_out, notes, job_id, job_owner, roster, updated_by, updated_at";

const draft = (row: Row): Draft => ({
  clinicId: row.clinic_id,
  weekStart: row.week_start,
  scenario: row.scenario,
  leftOut: row.left_out,
  notes: row.notes,
  job: row.job_id && row.job_owner ? { id: row.job_id, owner: row.job_owner } : null,
  roster: row.roster,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

export class DraftBook {
  constructor(private readonly db: Db) {}

  /** A new scenario for the week: whatever was solved or edited for it before is dropped. */
  async upload(keyId: string, scenario: Scenario, leftOut: readonly string[], notes: readonly string[] = []): Promise<Draft> {
    const [row] = await this.db.query<Row>(
      `insert into drafts (clinic_id, week_start, scenario, left_out, notes, updated_by) values ($1, $2, $3::json, $4::json, $6::json, $5)
       on conflict (clinic_id, week_start) do update set scenario = excluded.scenario, left_out = excluded.left_out, notes = excluded.notes,
         job_id = null, job_owner = null, roster = null, updated_by = excluded.updated_by, updated_at = now()
       returning ${COLUMNS}`,
      [scenario.clinic.id, scenario.clinic.weekStart, JSON.stringify(scenario), JSON.stringify(leftOut), keyId, JSON.stringify(notes)],
    );
    return draft(row);
  }

  async get(clinicId: string, weekStart: string): Promise<Draft | undefined> {
    const [row] = await this.db.query<Row>(`select ${COLUMNS} from drafts where clinic_id = $1 and week_start = $2::date`, [
      clinicId,
      weekStart,
    ]);
    return row ? draft(row) : undefined;
  }

  /** The clinic's drafts, newest week first; no content. */
  async weeks(clinicId: string): Promise<DraftWeek[]> {
    const rows = await this.db.query<{ week_start: string; solved: boolean; updated_at: Date }>(
      `select to_char(week_start, 'YYYY-MM-DD') as week_start, roster is not null as solved, updated_at from drafts
       where clinic_id = $1 order by week_start desc`,
      [clinicId],
    );
    return rows.map((r) => ({ weekStart: r.week_start, solved: r.solved, updatedAt: r.updated_at }));
  }

  /** The scenario of the clinic's newest week being planned: its settings start the next upload. */
  async newest(clinicId: string): Promise<Scenario | undefined> {
    const [row] = await this.db.query<{ scenario: Scenario }>(
      "select scenario from drafts where clinic_id = $1 order by week_start desc limit 1",
      [clinicId],
    );
    return row?.scenario;
  }

  /** Clinics with a draft, for a key that acts for every clinic. */
  async clinics(): Promise<string[]> {
    return (await this.db.query<{ clinic_id: string }>("select distinct clinic_id from drafts order by clinic_id")).map((r) => r.clinic_id);
  }

  /**
   * The job now solving the week, and the scenario it solves: the uploaded one with last week's published roster and
   * attendance in it, which the roster is then checked and published against. The roster it replaces stays until
   * the job hands back its own.
   */
  async solving(scenario: Scenario, keyId: string, jobId: string): Promise<void> {
    await this.db.query(
      `update drafts set scenario = $3::json, job_id = $4, job_owner = $5, updated_by = $5, updated_at = now()
       where clinic_id = $1 and week_start = $2::date`,
      [scenario.clinic.id, scenario.clinic.weekStart, JSON.stringify(scenario), jobId, keyId],
    );
  }

  /** The week's roster: a job's, once it is done (the job is then forgotten), or a hand edit kept. */
  async keep(clinicId: string, weekStart: string, keyId: string, roster: Roster): Promise<void> {
    await this.db.query(
      `update drafts set roster = $3::json, job_id = null, job_owner = null, updated_by = $4, updated_at = now()
       where clinic_id = $1 and week_start = $2::date`,
      [clinicId, weekStart, JSON.stringify(roster), keyId],
    );
  }

  /** The job ended without a roster (failed or cancelled before the greedy): the draft no longer waits for it. */
  async forgetJob(clinicId: string, weekStart: string): Promise<void> {
    await this.db.query("update drafts set job_id = null, job_owner = null where clinic_id = $1 and week_start = $2::date", [
      clinicId,
      weekStart,
    ]);
  }

  /** Drafts of weeks older than the retention go with the published rosters of those weeks. */
  async applyRetention(weeks: number, today = new Date()): Promise<number> {
    const gone = await this.db.query("delete from drafts where week_start < ($1::date - make_interval(days => $2)) returning clinic_id", [
      today.toISOString().slice(0, 10),
      weeks * 7,
    ]);
    return gone.length;
  }
}
