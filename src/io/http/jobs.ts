// Jobs: a solve the client polls. Finished jobs are kept for a while, then forgotten.
import { randomUUID } from "node:crypto";
import type { JobView, Roster, Scenario } from "../../domain/index.js";
import type { Task } from "./pool.js";

interface Job {
  readonly id: string;
  /** The key id that made the job (auth.ts ownerOf): only it may read or cancel the job. */
  readonly owner: string;
  readonly task: Task;
  /** Kept for exports of the finished roster (names, rooms, zone); forgotten with the job. */
  readonly scenario: Scenario;
  readonly createdAt: number;
  finishedAt: number | null;
  roster: Roster | null;
  error: string | null;
  cancelled: boolean;
}

/** What a job that ended without a roster tells its client, by the kind of error. */
const ERRORS: Record<string, string> = {
  CancelledBeforeStart: "cancelled before it started",
  StoppedUnfinished: "cancelled before the first roster was ready",
  ShuttingDown: "the server stopped before the job started; submit it again",
};

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly ttlMs: number,
    private readonly maxJobs: number,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(ttlMs, 60_000));
    this.sweeper.unref();
  }

  get full(): boolean {
    this.sweep();
    return this.jobs.size >= this.maxJobs;
  }

  add(task: Task, owner: string, scenario: Scenario): Job {
    const job: Job = {
      id: randomUUID(),
      owner,
      task,
      scenario,
      createdAt: Date.now(),
      finishedAt: null,
      roster: null,
      error: null,
      cancelled: false,
    };
    this.jobs.set(job.id, job);
    task.result.then(
      (roster) => {
        job.roster = roster;
        job.finishedAt = Date.now();
      },
      (error: Error) => {
        job.error = ERRORS[error.name] ?? "the solve failed";
        job.finishedAt = Date.now();
      },
    );
    return job;
  }

  /** The job, if it exists and belongs to `owner`; another key's job is as unknown as a missing one. */
  get(id: string, owner: string): Job | undefined {
    this.sweep();
    const job = this.jobs.get(id);
    return job?.owner === owner ? job : undefined;
  }

  /** Stops the search and waits (briefly) for its best roster so far. */
  async cancel(job: Job, waitMs: number): Promise<void> {
    job.cancelled = true;
    job.task.cancel();
    await Promise.race([job.task.result.catch(() => undefined), new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  view(job: Job): JobView {
    const status = job.error
      ? job.task.state === "cancelled"
        ? "cancelled"
        : "failed"
      : job.roster
        ? job.roster.solver.status === "cancelled"
          ? "cancelled"
          : "done"
        : job.cancelled
          ? "cancelled"
          : job.task.state === "queued"
            ? "queued"
            : "running";
    return {
      id: job.id,
      status,
      createdAt: new Date(job.createdAt).toISOString(),
      finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
      progress: job.task.progress,
      roster: job.roster,
      error: job.error,
    };
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > this.ttlMs) this.jobs.delete(id);
  }
}
