// Jobs in the database, which is also the queue: any instance may take a queued job (FOR UPDATE SKIP LOCKED, so
// each is taken once), keeps a heartbeat while it solves, and writes the result only while the row still carries
// the attempt it took (the fencing token). A job whose heartbeat stops, because its process died, goes back to the
// queue; a job is never finished twice.
import { randomUUID } from "node:crypto";
import type { JobView, Roster, SolveRequest } from "../../domain/index.js";
import type { Progress } from "../../solver/solve.js";
import type { Db } from "./db.js";

export type JobStatus = JobView["status"];

export interface JobRecord {
  readonly id: string;
  readonly owner: string;
  readonly clinicId: string;
  readonly status: JobStatus;
  readonly attempt: number;
  readonly cancelRequested: boolean;
  readonly progress: Progress | null;
  readonly roster: Roster | null;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** A job an instance has taken: what to solve, and the attempt it must finish under. */
export interface ClaimedJob {
  readonly id: string;
  readonly attempt: number;
  readonly request: SolveRequest;
}

export interface JobSettings {
  /** Finished jobs are deleted this long after they finish. */
  readonly ttlMs: number;
  /** Most jobs kept at once (queued, running and finished not yet expired). */
  readonly maxJobs: number;
  /** A running job whose heartbeat is older than this is taken to have lost its instance. */
  readonly leaseMs: number;
}

interface Row {
  id: string;
  owner: string;
  clinic_id: string;
  status: JobStatus;
  attempt: number;
  cancel_requested: boolean;
  progress: Progress | null;
  roster: unknown;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const COLUMNS = "id, owner, clinic_id, status, attempt, cancel_requested, progress, roster, error, created_at, finished_at";

function record(row: Row): JobRecord {
  return {
    id: row.id,
    owner: row.owner,
    clinicId: row.clinic_id,
    status: row.status,
    attempt: row.attempt,
    cancelRequested: row.cancel_requested,
    progress: row.progress,
    // Written only by finish(), from a roster the validator passed; parsing 10 000 patients' again on every poll
    // would cost more than the poll.
    roster: row.roster as Roster | null,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** A running job given back: queued again, or cancelled when a cancel was asked meanwhile (nobody wants it run). */
const REQUEUE = `status = case when cancel_requested then 'cancelled' else 'queued' end,
  error = case when cancel_requested then 'cancelled; its solve had stopped' else error end,
  finished_at = case when cancel_requested then now() else null end,
  instance = null, heartbeat_at = null, progress = null`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Deleted jobs after which an embedded database's jobs table is vacuumed. */
const VACUUM_AFTER = 50;

export class JobQueue {
  private deletedSinceVacuum = 0;

  constructor(
    private readonly db: Db,
    readonly settings: JobSettings,
  ) {}

  /** Whether the queue holds as many jobs as it may; finished jobs past their time are deleted first. */
  async full(): Promise<boolean> {
    await this.sweep();
    const [{ n }] = await this.db.query<{ n: number }>("select count(*)::int as n from jobs");
    return n >= this.settings.maxJobs;
  }

  /**
   * Queues a solve request for `owner`, the API key id. The request is kept as the schema parsed it (defaults
   * filled in), so whichever instance runs it reads it back without parsing 10 000 patients a second time.
   */
  async add(owner: string, request: SolveRequest, clinicId: string): Promise<JobRecord> {
    const [row] = await this.db.query<Row>(
      `insert into jobs (id, owner, clinic_id, status, request) values ($1, $2, $3, 'queued', $4::json) returning ${COLUMNS}`,
      [randomUUID(), owner, clinicId, JSON.stringify(request)],
    );
    return record(row);
  }

  /** The job if it exists and belongs to `owner`: another key's job is as unknown as a missing one. */
  async get(id: string, owner: string): Promise<JobRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.query<Row>(
      `select ${COLUMNS} from jobs where id = $1 and owner = $2 and (finished_at is null or finished_at >= now() - make_interval(secs => $3))`,
      [id, owner, this.settings.ttlMs / 1000],
    );
    return row ? record(row) : undefined;
  }

  /** The job's request (for an export of its roster: names, rooms and the zone come from its scenario). */
  async request(id: string): Promise<SolveRequest | undefined> {
    const [row] = await this.db.query<{ request: unknown }>("select request from jobs where id = $1", [id]);
    return row?.request as SolveRequest | undefined;
  }

  /** Takes the oldest queued job for `instance`, or null when none waits. */
  async claim(instance: string): Promise<ClaimedJob | null> {
    const [row] = await this.db.query<{ id: string; attempt: number; request: unknown }>(
      `update jobs set status = 'running', instance = $1, attempt = attempt + 1, heartbeat_at = now(),
         started_at = coalesce(started_at, now()), progress = null
       where id = (select id from jobs where status = 'queued' order by created_at, id for update skip locked limit 1)
       returning id, attempt, request`,
      [instance],
    );
    return row ? { id: row.id, attempt: row.attempt, request: row.request as SolveRequest } : null;
  }

  /** Renews a running job's lease and records its progress; whether a cancel was asked, and whether it is still ours. */
  async heartbeat(job: ClaimedJob, progress: Progress | null): Promise<{ held: boolean; cancelRequested: boolean }> {
    const [row] = await this.db.query<{ cancel_requested: boolean }>(
      `update jobs set heartbeat_at = now(), progress = coalesce($3::json, progress)
       where id = $1 and attempt = $2 and status = 'running' returning cancel_requested`,
      [job.id, job.attempt, progress === null ? null : JSON.stringify(progress)],
    );
    return { held: row !== undefined, cancelRequested: row?.cancel_requested ?? false };
  }

  /** Ends a job with its roster or error; false when the attempt was no longer ours (the job went to another). */
  async finish(job: ClaimedJob, outcome: { roster: Roster } | { error: string; cancelled: boolean }): Promise<boolean> {
    const status =
      "roster" in outcome
        ? outcome.roster.solver.status === "cancelled"
          ? "cancelled"
          : "done"
        : outcome.cancelled
          ? "cancelled"
          : "failed";
    const rows = await this.db.query(
      `update jobs set status = $3, roster = $4::json, error = $5, finished_at = now(), heartbeat_at = null
       where id = $1 and attempt = $2 and status = 'running' returning id`,
      [job.id, job.attempt, status, "roster" in outcome ? JSON.stringify(outcome.roster) : null, "error" in outcome ? outcome.error : null],
    );
    return rows.length === 1;
  }

  /** Gives a job back to the queue unfinished (this instance is stopping): another instance, or this one restarted, runs it. */
  async release(job: ClaimedJob): Promise<void> {
    await this.db.query(`update jobs set ${REQUEUE} where id = $1 and attempt = $2 and status = 'running'`, [job.id, job.attempt]);
  }

  /**
   * Asks for a job to stop: a queued one is cancelled at once; a running one is flagged, and the instance running
   * it stops the search at its next heartbeat and writes the best roster so far. The job as it then stands.
   */
  async requestCancel(id: string, owner: string): Promise<JobRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.query<Row>(
      `update jobs set cancel_requested = true,
         status = case when status = 'queued' then 'cancelled' else status end,
         error = case when status = 'queued' then 'cancelled before it started' else error end,
         finished_at = case when status = 'queued' then now() else finished_at end
       where id = $1 and owner = $2 returning ${COLUMNS}`,
      [id, owner],
    );
    return row ? record(row) : undefined;
  }

  /**
   * Running jobs whose instance stopped beating (killed, or cut off from the database) go back to the queue, or
   * end as cancelled when a cancel was asked meanwhile. The number of jobs recovered.
   */
  async recoverAbandoned(): Promise<number> {
    const rows = await this.db.query(
      `update jobs set ${REQUEUE} where status = 'running' and heartbeat_at < now() - make_interval(secs => $1) returning id`,
      [this.settings.leaseMs / 1000],
    );
    return rows.length;
  }

  /** Every running job goes back to the queue: for an embedded database, whose only instance is this process. */
  async recoverAll(): Promise<number> {
    const rows = await this.db.query(`update jobs set ${REQUEUE} where status = 'running' returning id`);
    return rows.length;
  }

  /** Deletes finished jobs older than the time to live. */
  async sweep(): Promise<void> {
    const gone = await this.db.query("delete from jobs where finished_at < now() - make_interval(secs => $1) returning id", [
      this.settings.ttlMs / 1000,
    ]);
    // PGlite runs no autovacuum: without this, every deleted job's request and roster stays in its heap (in memory
    // with memory://) and the process grows with each job it ever ran.
    this.deletedSinceVacuum += gone.length;
    if (this.db.engine === "pglite" && this.deletedSinceVacuum >= VACUUM_AFTER) {
      this.deletedSinceVacuum = 0;
      await this.db.exec("vacuum jobs");
    }
  }

  view(job: JobRecord): JobView {
    return {
      id: job.id,
      status: job.status,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt === null ? null : job.finishedAt.toISOString(),
      progress: job.progress,
      roster: job.roster,
      error: job.error,
    };
  }
}
