// What the HTTP app runs on, opened and closed in one place: the database (migrated), the solver pool, the job
// queue in the database and the runner that takes its jobs on this instance, the published rosters.
import { AttendanceBook } from "../store/attendance.js";
import { type Db, openDb } from "../store/db.js";
import { DraftBook } from "../store/drafts.js";
import { JobQueue } from "../store/jobs.js";
import { KeyStore } from "../store/keys.js";
import { migrate } from "../store/migrations.js";
import { RosterArchive } from "../store/rosters.js";
import { SessionStore } from "../store/sessions.js";
import { StayBook } from "../store/stays.js";
import { Authenticator } from "./auth.js";
import type { Config } from "./config.js";
import { JobRunner } from "./job-runner.js";
import { SolverPool } from "./pool.js";

/** What the routes work with. */
export interface Services {
  readonly config: Config;
  readonly db: Db;
  readonly pool: SolverPool;
  readonly jobs: JobQueue;
  readonly runner: JobRunner;
  readonly archive: RosterArchive;
  readonly keys: KeyStore;
  readonly auth: Authenticator;
  readonly attendance: AttendanceBook;
  readonly stays: StayBook;
  /** The workspace's sessions and the weeks it plans. */
  readonly sessions: SessionStore;
  readonly drafts: DraftBook;
}

export class KeysWithoutAuthentication extends Error {
  override readonly name = "KeysWithoutAuthentication";
}

export interface OpenServices extends Services {
  /**
   * Stops taking work, lets running solves finish within the grace and requeues the rest; closes the database once
   * that and `inFlight` (the server's own close, whose last requests may still read it) are done.
   */
  close(graceMs: number, inFlight?: Promise<unknown>): Promise<void>;
}

export async function openServices(config: Config, db?: Db): Promise<OpenServices> {
  const database =
    db ?? (await openDb({ url: config.DATABASE_URL, dataDir: config.DATA_DIR === "memory://" ? undefined : config.DATA_DIR }));
  await migrate(database);
  const jobs = new JobQueue(database, { ttlMs: config.JOB_TTL_MS, maxJobs: config.MAX_JOBS, leaseMs: config.JOB_LEASE_MS });
  // An embedded database has one process: whatever it shows running was cut off when that process last died.
  if (database.engine === "pglite") await jobs.recoverAll();
  const pool = new SolverPool(config.WORKERS, config.QUEUE_LIMIT, config.WARM_UP === "on");
  const runner = new JobRunner(jobs, pool);
  const archive = new RosterArchive(database);
  const keys = new KeyStore(database);
  // Keyless, every request would act as the local admin: keys made with `npm run keys` would be ignored, silently.
  if (config.API_KEYS.length === 0 && (await keys.anyLive())) {
    if (!db) await database.close();
    throw new KeysWithoutAuthentication(
      "the database holds API keys but API_KEYS is unset, so they would not be asked for: set API_KEYS (the bootstrap admin key)",
    );
  }
  const stays = new StayBook(database);
  const sessions = new SessionStore(database);
  const drafts = new DraftBook(database);
  // Retention (Part 2): rosters and drafts older than RETENTION_WEEKS, and stays discharged that long ago, go at
  // start and then hourly (0 keeps them); so do expired workspace sessions.
  const retain = async () =>
    (await sessions.sweep()) +
    (config.RETENTION_WEEKS > 0
      ? (await archive.applyRetention(config.RETENTION_WEEKS)) +
        (await stays.applyRetention(config.RETENTION_WEEKS)) +
        (await drafts.applyRetention(config.RETENTION_WEEKS))
      : 0);
  await retain();
  const retention = setInterval(() => void retain().catch(() => undefined), 3_600_000);
  retention.unref();
  return {
    config,
    db: database,
    pool,
    jobs,
    runner,
    archive,
    keys,
    auth: new Authenticator(config.API_KEYS, keys),
    attendance: new AttendanceBook(database),
    stays,
    sessions,
    drafts,
    close: async (graceMs, inFlight) => {
      clearInterval(retention);
      await Promise.all([runner.close(), pool.close(graceMs), inFlight]);
      if (!db) await database.close();
    },
  };
}
